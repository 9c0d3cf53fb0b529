import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../../iam/action.ts';

export interface GetAccessKeyInfoInput {
  readonly AccessKeyId: string;
}

/**
 * The account an access key id belongs to (sts-api.md C.7), long-term (AKIA) or temporary (ASIA),
 * whatever its status. AWS reads the account out of the key id itself; Warden's key ids carry no
 * account, so it answers for the keys it issued and refuses others (UNCONFIRMED wording).
 */
export const GetAccessKeyInfo: ActionDefinition<GetAccessKeyInfoInput, { Account: string }> = {
  service: 'sts',
  name: 'GetAccessKeyInfo',
  resource: () => '*',
  async run(input, ctx) {
    const id = input.AccessKeyId;
    const known =
      (await ctx.store.accessKeys.get(id)) !== undefined || (await ctx.store.sessions.get(id)) !== undefined;
    if (!known)
      throw new WardenError('AccessDenied', `The access key ID ${id} was not issued by this Warden.`);
    return { Account: ctx.account.id };
  },
};
