import type { PolicyUsage } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import {
  allPages,
  awsManagedPolicies,
  byPolicyName,
  pathOf,
  type ResolvedPolicy,
} from '../managed-policies.ts';
import { awsManagedUsage, usageCounts, usedAs } from '../policy-usage.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toWirePolicy, type WirePolicy } from '../policy-wire.ts';

export interface ListPoliciesInput extends PageInput {
  readonly Scope?: 'All' | 'AWS' | 'Local';
  readonly OnlyAttached?: boolean;
  readonly PathPrefix?: string;
  readonly PolicyUsageFilter?: PolicyUsage;
}

/**
 * The usages asked for: `PolicyUsageFilter` names one; `OnlyAttached` alone means attached as a
 * permissions policy; neither means any policy.
 */
function usages(input: ListPoliciesInput): PolicyUsage[] | undefined {
  if (input.PolicyUsageFilter !== undefined) return [input.PolicyUsageFilter];
  return input.OnlyAttached === true ? ['PermissionsPolicy'] : undefined;
}

/**
 * Customer managed policies from the store and AWS managed ones from the catalog, merged in name
 * order and paged together; ListPolicies leaves out Description and Tags (documented).
 */
export const ListPolicies: ActionDefinition<ListPoliciesInput, { Policies: WirePolicy[] } & PageOutput> = {
  service: 'iam',
  name: 'ListPolicies',
  resource: () => '*',
  async run(input, ctx) {
    const request = pageRequest(input, 'ListPolicies');
    const prefix = input.PathPrefix ?? '/';
    const scope = input.Scope ?? 'All';
    const wanted = usages(input);
    const candidates: ResolvedPolicy[] = [];
    if (scope !== 'Local') {
      candidates.push(
        ...awsManagedPolicies(ctx.account.partition).filter((p) => pathOf(p).startsWith(prefix)),
      );
    }
    if (scope !== 'AWS') {
      const local = await allPages((page) =>
        ctx.store.policies.list({ ...page, pathPrefix: prefix, usedAs: wanted }),
      );
      candidates.push(...local.map((record) => ({ kind: 'customer' as const, arn: record.arn, record })));
    }
    // A usage filter needs the usage of every candidate; without one, only the page's are counted.
    const awsArns = (policies: readonly ResolvedPolicy[]): string[] =>
      policies.filter((p) => p.kind === 'aws').map((p) => p.arn);
    const filterUsage =
      wanted === undefined ? undefined : await awsManagedUsage(ctx.store, awsArns(candidates));
    const matching: ResolvedPolicy[] = [];
    for (const policy of candidates) {
      if (policy.kind === 'customer' || (await usedAs(ctx.store, policy, wanted, filterUsage)))
        matching.push(policy);
    }
    const page = pageInMemory(matching.sort(byPolicyName), request);
    const awsUsage = filterUsage ?? (await awsManagedUsage(ctx.store, awsArns(page.items)));
    const Policies: WirePolicy[] = [];
    for (const policy of page.items) {
      Policies.push(toWirePolicy(policy, await usageCounts(ctx.store, policy, awsUsage), false));
    }
    return { Policies, ...pageOutput(page, 'ListPolicies') };
  },
};
