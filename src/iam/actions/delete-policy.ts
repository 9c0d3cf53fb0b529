import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requireCustomerPolicy } from '../managed-policies.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';

export interface DeletePolicyInput {
  readonly PolicyArn: string;
}

/**
 * Refused while the policy is attached to anything or is anyone's permissions boundary, and while
 * it has versions besides the default one (which goes with the policy), in AWS's words.
 */
export const DeletePolicy: ActionDefinition<DeletePolicyInput, void> = {
  service: 'iam',
  name: 'DeletePolicy',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requireCustomerPolicy(ctx.store, ctx.caller, 'iam:DeletePolicy', input.PolicyArn);
    if (policy.attachmentCount > 0 || policy.permissionsBoundaryUsageCount > 0) {
      throw new WardenError('DeleteConflict', 'Cannot delete a policy attached to entities.');
    }
    if ((await ctx.store.policyVersions.count(policy.policyId)) > 1) {
      throw new WardenError(
        'DeleteConflict',
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await ctx.store.policies.delete(policy.policyId);
  },
};
