import type { ActionDefinition } from '../action.ts';
import { getInlinePolicy } from '../inline-policies.ts';
import { groupResource, requireGroup } from '../lookups.ts';

export interface GetGroupPolicyInput {
  readonly GroupName: string;
  readonly PolicyName: string;
}

export interface GetGroupPolicyOutput {
  readonly GroupName: string;
  readonly PolicyName: string;
  /** Verbatim; the protocol renderer URL-encodes it. */
  readonly PolicyDocument: string;
}

export const GetGroupPolicy: ActionDefinition<GetGroupPolicyInput, GetGroupPolicyOutput> = {
  service: 'iam',
  name: 'GetGroupPolicy',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const target = { ref: { type: 'group', id: group.groupId }, name: group.groupName } as const;
    const policy = await getInlinePolicy(ctx.store, target, input.PolicyName);
    return { GroupName: group.groupName, PolicyName: policy.policyName, PolicyDocument: policy.document };
  },
};
