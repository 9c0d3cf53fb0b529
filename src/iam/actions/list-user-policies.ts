import type { ActionDefinition } from '../action.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { listInlinePolicies } from '../inline-policies.ts';
import { requireUser, userResource } from '../lookups.ts';
import type { PageInput, PageOutput } from '../pagination.ts';

export interface ListUserPoliciesInput extends PageInput {
  readonly UserName: string;
}

export const ListUserPolicies: ActionDefinition<
  ListUserPoliciesInput,
  { PolicyNames: string[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListUserPolicies',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const target = { ref: { type: 'user', id: user.userId }, name: user.userName } as const;
    return listInlinePolicies(ctx.store, target, input, 'ListUserPolicies');
  },
};
