import type { AccessKeyRecord } from '../../store/port.ts';
import type { ActionContext, ActionDefinition } from '../action.ts';
import { ownerName, ownerOf } from '../access-keys.ts';
import { quotaExceeded } from '../conflicts.ts';
import { resolveSubject, subjectResource } from '../lookups.ts';
import { QUOTAS } from '../quotas.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface CreateAccessKeyInput {
  readonly UserName?: string;
}

export interface WireAccessKey {
  /** Absent for the root's own keys. */
  readonly UserName?: string;
  readonly AccessKeyId: string;
  readonly Status: 'Active';
  readonly SecretAccessKey: string;
  readonly CreateDate: Date;
}

/** A fresh key id; ids are random, so a clash is practically impossible, but never overwrite one. */
async function insertNewKey(
  ctx: ActionContext,
  owner: string,
  sealedSecret: string,
): Promise<AccessKeyRecord> {
  for (;;) {
    const key: AccessKeyRecord = {
      accessKeyId: ctx.ids.accessKeyId('AKIA', ctx.account.id),
      owner,
      status: 'Active',
      sealedSecret,
      createDate: ctx.clock.now(),
    };
    if ((await ctx.store.accessKeys.insert(key)) === 'inserted') return key;
  }
}

/** The secret is generated here, stored only sealed, and returned only in this response. */
export const CreateAccessKey: ActionDefinition<CreateAccessKeyInput, { AccessKey: WireAccessKey }> = {
  service: 'iam',
  name: 'CreateAccessKey',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const subject = await resolveSubject(ctx, input.UserName);
    const owner = ownerOf(subject);
    if ((await ctx.store.accessKeys.countByOwner(owner)) >= QUOTAS.accessKeysPerUser) {
      throw quotaExceeded('AccessKeysPerUser', QUOTAS.accessKeysPerUser);
    }
    const secret = ctx.ids.secretAccessKey();
    const key = await insertNewKey(ctx, owner, ctx.secrets.seal(secret));
    const name = ownerName(subject);
    return {
      AccessKey: {
        ...(name === undefined ? {} : { UserName: name }),
        AccessKeyId: key.accessKeyId,
        Status: 'Active',
        SecretAccessKey: secret,
        CreateDate: key.createDate,
      },
    };
  },
};
