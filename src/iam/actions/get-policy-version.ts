import type { ActionDefinition } from '../action.ts';
import { AWS_MANAGED } from '../aws-managed/index.ts';
import { noSuchVersion, requirePolicy } from '../managed-policies.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';
import { awsManagedVersion, toWireVersion, type WirePolicyVersion } from '../policy-wire.ts';

export interface GetPolicyVersionInput {
  readonly PolicyArn: string;
  readonly VersionId: string;
}

/** With its Document, verbatim (the protocol renderer URL-encodes it). */
export const GetPolicyVersion: ActionDefinition<GetPolicyVersionInput, { PolicyVersion: WirePolicyVersion }> =
  {
    service: 'iam',
    name: 'GetPolicyVersion',
    resource: (input) => input.PolicyArn,
    conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
    async run(input, ctx) {
      const policy = await requirePolicy(ctx.store, input.PolicyArn);
      if (policy.kind === 'aws') {
        // The catalog holds the default version only.
        if (input.VersionId !== policy.info.defaultVersionId)
          throw noSuchVersion(policy.arn, input.VersionId);
        const version = awsManagedVersion(policy, AWS_MANAGED.document(policy.info));
        return { PolicyVersion: toWireVersion(version, true) };
      }
      const version = await ctx.store.policyVersions.get(policy.record.policyId, input.VersionId);
      if (version === undefined) throw noSuchVersion(policy.arn, input.VersionId);
      return { PolicyVersion: toWireVersion(version, true) };
    },
  };
