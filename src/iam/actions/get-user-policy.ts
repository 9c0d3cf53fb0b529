import type { ActionDefinition } from '../action.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { getInlinePolicy } from '../inline-policies.ts';
import { requireUser, userResource } from '../lookups.ts';

export interface GetUserPolicyInput {
  readonly UserName: string;
  readonly PolicyName: string;
}

export interface GetUserPolicyOutput {
  readonly UserName: string;
  readonly PolicyName: string;
  /** Verbatim; the protocol renderer URL-encodes it. */
  readonly PolicyDocument: string;
}

export const GetUserPolicy: ActionDefinition<GetUserPolicyInput, GetUserPolicyOutput> = {
  service: 'iam',
  name: 'GetUserPolicy',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const target = { ref: { type: 'user', id: user.userId }, name: user.userName } as const;
    const policy = await getInlinePolicy(ctx.store, target, input.PolicyName);
    return { UserName: user.userName, PolicyName: policy.policyName, PolicyDocument: policy.document };
  },
};
