import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { noSuchVersion, requireCustomerPolicy } from '../managed-policies.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';

export interface DeletePolicyVersionInput {
  readonly PolicyArn: string;
  readonly VersionId: string;
}

/** Any version but the default one, which goes only with the policy. */
export const DeletePolicyVersion: ActionDefinition<DeletePolicyVersionInput, void> = {
  service: 'iam',
  name: 'DeletePolicyVersion',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requireCustomerPolicy(
      ctx.store,
      ctx.caller,
      'iam:DeletePolicyVersion',
      input.PolicyArn,
    );
    const version = await ctx.store.policyVersions.get(policy.policyId, input.VersionId);
    if (version === undefined) throw noSuchVersion(policy.arn, input.VersionId);
    if (version.isDefault)
      throw new WardenError('DeleteConflict', 'Cannot delete the default version of a policy.');
    await ctx.store.policyVersions.delete(policy.policyId, version.versionId);
  },
};
