import type { ActionDefinition } from '../action.ts';
import { listAttached, type WireAttachedPolicy } from '../attachments.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { requireUser, userResource } from '../lookups.ts';
import type { PageInput, PageOutput } from '../pagination.ts';

export interface ListAttachedUserPoliciesInput extends PageInput {
  readonly UserName: string;
  readonly PathPrefix?: string;
}

export const ListAttachedUserPolicies: ActionDefinition<
  ListAttachedUserPoliciesInput,
  { AttachedPolicies: WireAttachedPolicy[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListAttachedUserPolicies',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    return listAttached(ctx.store, { type: 'user', id: user.userId }, input, 'ListAttachedUserPolicies');
  },
};
