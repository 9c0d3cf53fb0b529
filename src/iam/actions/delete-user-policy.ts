import type { ActionDefinition } from '../action.ts';
import { deleteInlinePolicy } from '../inline-policies.ts';
import { requireUser, userResource } from '../lookups.ts';
import { targetUserBoundaryKeys } from '../policy-condition-keys.ts';

export interface DeleteUserPolicyInput {
  readonly UserName: string;
  readonly PolicyName: string;
}

export const DeleteUserPolicy: ActionDefinition<DeleteUserPolicyInput, void> = {
  service: 'iam',
  name: 'DeleteUserPolicy',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserBoundaryKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const target = { ref: { type: 'user', id: user.userId }, name: user.userName } as const;
    await deleteInlinePolicy(ctx.store, target, input.PolicyName);
  },
};
