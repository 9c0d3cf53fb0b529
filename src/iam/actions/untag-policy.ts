import type { ActionDefinition } from '../action.ts';
import { tagKeysKey } from '../authz/condition-keys.ts';
import { requireCustomerPolicy } from '../managed-policies.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';
import { removePolicyTags } from '../policy-tags.ts';

export interface UntagPolicyInput {
  readonly PolicyArn: string;
  readonly TagKeys: readonly string[];
}

export const UntagPolicy: ActionDefinition<UntagPolicyInput, void> = {
  service: 'iam',
  name: 'UntagPolicy',
  resource: (input) => input.PolicyArn,
  conditionKeys: async (input, ctx) => ({
    ...(await targetPolicyKeys(ctx, input.PolicyArn)),
    ...tagKeysKey(input.TagKeys),
  }),
  async run(input, ctx) {
    const policy = await requireCustomerPolicy(ctx.store, ctx.caller, 'iam:UntagPolicy', input.PolicyArn);
    await ctx.store.policies.setTags(policy.policyId, removePolicyTags(policy.tags, input.TagKeys));
  },
};
