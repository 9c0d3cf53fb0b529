import type { ActionDefinition } from '../action.ts';
import { putInlinePolicy } from '../inline-policies.ts';
import { requireUser, userResource } from '../lookups.ts';
import { targetUserBoundaryKeys } from '../policy-condition-keys.ts';

export interface PutUserPolicyInput {
  readonly UserName: string;
  readonly PolicyName: string;
  readonly PolicyDocument: string;
}

/** Creates or replaces; the user's inline policies together may hold 2048 characters (white space aside). */
export const PutUserPolicy: ActionDefinition<PutUserPolicyInput, void> = {
  service: 'iam',
  name: 'PutUserPolicy',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserBoundaryKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const target = { ref: { type: 'user', id: user.userId }, name: user.userName } as const;
    await putInlinePolicy(ctx.store, target, input.PolicyName, input.PolicyDocument);
  },
};
