import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requireCustomerPolicy } from '../managed-policies.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';
import { checkManagedDocument } from '../policy-documents.ts';
import { toWireVersion, type WirePolicyVersion } from '../policy-wire.ts';

export interface CreatePolicyVersionInput {
  readonly PolicyArn: string;
  readonly PolicyDocument: string;
  readonly SetAsDefault?: boolean;
}

const VERSIONS_PER_POLICY = 5;

/** Adds version v(N+1) (numbers are never reused); the Document is not in the result, as in AWS. */
export const CreatePolicyVersion: ActionDefinition<
  CreatePolicyVersionInput,
  { PolicyVersion: WirePolicyVersion }
> = {
  service: 'iam',
  name: 'CreatePolicyVersion',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requireCustomerPolicy(
      ctx.store,
      ctx.caller,
      'iam:CreatePolicyVersion',
      input.PolicyArn,
    );
    checkManagedDocument(input.PolicyDocument);
    if ((await ctx.store.policyVersions.count(policy.policyId)) >= VERSIONS_PER_POLICY) {
      throw new WardenError(
        'LimitExceeded',
        `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    const versionId = await ctx.store.policyVersions.create(policy.policyId, {
      document: input.PolicyDocument,
      createDate: ctx.clock.now(),
      setAsDefault: input.SetAsDefault === true,
    });
    const version =
      versionId === undefined ? undefined : await ctx.store.policyVersions.get(policy.policyId, versionId);
    // The policy was read in this very transaction, so its new version is there.
    if (version === undefined) throw new Error(`version of ${policy.arn} vanished`);
    return { PolicyVersion: toWireVersion(version, false) };
  },
};
