import type { ActionDefinition } from '../action.ts';
import { requireOwnKey } from '../access-keys.ts';
import { resolveSubject, subjectResource } from '../lookups.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface DeleteAccessKeyInput {
  readonly UserName?: string;
  readonly AccessKeyId: string;
}

export const DeleteAccessKey: ActionDefinition<DeleteAccessKeyInput, void> = {
  service: 'iam',
  name: 'DeleteAccessKey',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const subject = await resolveSubject(ctx, input.UserName);
    const key = await requireOwnKey(ctx.store, subject, input.AccessKeyId);
    await ctx.store.accessKeys.delete(key.accessKeyId);
  },
};
