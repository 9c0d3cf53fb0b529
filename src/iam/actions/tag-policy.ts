import type { ActionDefinition } from '../action.ts';
import { requestTagKeys } from '../authz/condition-keys.ts';
import { requireCustomerPolicy } from '../managed-policies.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';
import { checkPolicyTags, mergePolicyTags } from '../policy-tags.ts';
import type { WireTag } from '../tags.ts';

export interface TagPolicyInput {
  readonly PolicyArn: string;
  readonly Tags: readonly WireTag[];
}

export const TagPolicy: ActionDefinition<TagPolicyInput, void> = {
  service: 'iam',
  name: 'TagPolicy',
  resource: (input) => input.PolicyArn,
  conditionKeys: async (input, ctx) => ({
    ...(await targetPolicyKeys(ctx, input.PolicyArn)),
    ...requestTagKeys(input.Tags),
  }),
  async run(input, ctx) {
    const added = checkPolicyTags(input.Tags);
    const policy = await requireCustomerPolicy(ctx.store, ctx.caller, 'iam:TagPolicy', input.PolicyArn);
    await ctx.store.policies.setTags(policy.policyId, mergePolicyTags(policy.tags, added));
  },
};
