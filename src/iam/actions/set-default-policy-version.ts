import type { ActionDefinition } from '../action.ts';
import { noSuchVersion, requireCustomerPolicy } from '../managed-policies.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';

export interface SetDefaultPolicyVersionInput {
  readonly PolicyArn: string;
  readonly VersionId: string;
}

/** The version in force from the next request on (the store moves the authorization epoch). */
export const SetDefaultPolicyVersion: ActionDefinition<SetDefaultPolicyVersionInput, void> = {
  service: 'iam',
  name: 'SetDefaultPolicyVersion',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requireCustomerPolicy(
      ctx.store,
      ctx.caller,
      'iam:SetDefaultPolicyVersion',
      input.PolicyArn,
    );
    if (!(await ctx.store.policyVersions.setDefault(policy.policyId, input.VersionId))) {
      throw noSuchVersion(policy.arn, input.VersionId);
    }
  },
};
