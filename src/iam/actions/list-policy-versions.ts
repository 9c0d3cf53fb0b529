import type { ActionDefinition } from '../action.ts';
import { requirePolicy } from '../managed-policies.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';
import { awsManagedVersion, toWireVersion, type WirePolicyVersion } from '../policy-wire.ts';

export interface ListPolicyVersionsInput extends PageInput {
  readonly PolicyArn: string;
}

/** Newest first, without documents (AWS leaves them out here). */
export const ListPolicyVersions: ActionDefinition<
  ListPolicyVersionsInput,
  { Versions: WirePolicyVersion[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListPolicyVersions',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requirePolicy(ctx.store, input.PolicyArn);
    const versions =
      policy.kind === 'aws'
        ? [awsManagedVersion(policy, '')]
        : await ctx.store.policyVersions.list(policy.record.policyId);
    const page = pageInMemory(versions, pageRequest(input, 'ListPolicyVersions'));
    return {
      Versions: page.items.map((v) => toWireVersion(v, false)),
      ...pageOutput(page, 'ListPolicyVersions'),
    };
  },
};
