import type { PolicyUsage, StoreTx } from '../store/port.ts';
import { AWS_MANAGED } from './aws-managed/index.ts';
import { allPages, type ResolvedPolicy } from './managed-policies.ts';

/**
 * How many entities use a managed policy, each way. Customer managed policies carry their counts
 * (derived by the store); AWS managed ones have no row, so they are counted: one policy at a time
 * (GetPolicy), or for the whole catalog at once in one pass over the account's users and groups
 * (ListPolicies, GetAccountAuthorizationDetails), rather than two queries per catalog policy.
 */

export interface PolicyUsageCounts {
  readonly attachmentCount: number;
  readonly permissionsBoundaryUsageCount: number;
}

const UNUSED: PolicyUsageCounts = { attachmentCount: 0, permissionsBoundaryUsageCount: 0 };

/** AWS managed policy ARN -> its counts in this account; policies not in the map are unused. */
export type AwsManagedUsage = ReadonlyMap<string, PolicyUsageCounts>;

export async function awsManagedUsage(store: StoreTx): Promise<AwsManagedUsage> {
  const usage = new Map<string, { attachmentCount: number; permissionsBoundaryUsageCount: number }>();
  const entry = (arn: string) => {
    let counts = usage.get(arn);
    if (counts === undefined)
      usage.set(arn, (counts = { attachmentCount: 0, permissionsBoundaryUsageCount: 0 }));
    return counts;
  };
  const countAttached = async (type: 'user' | 'group', id: string): Promise<void> => {
    const refs = await allPages((page) => store.attachments.listForEntity({ type, id }, page));
    for (const ref of refs)
      if (AWS_MANAGED.find(ref.policyArn) !== undefined) entry(ref.policyArn).attachmentCount++;
  };
  for (const user of await allPages((page) => store.users.list(page))) {
    await countAttached('user', user.userId);
    const boundary = user.permissionsBoundaryArn;
    if (boundary !== undefined && AWS_MANAGED.find(boundary) !== undefined)
      entry(boundary).permissionsBoundaryUsageCount++;
  }
  for (const group of await allPages((page) => store.groups.list(page)))
    await countAttached('group', group.groupId);
  return usage;
}

export async function usageCounts(
  store: StoreTx,
  policy: ResolvedPolicy,
  awsUsage?: AwsManagedUsage,
): Promise<PolicyUsageCounts> {
  if (policy.kind === 'customer') {
    return {
      attachmentCount: policy.record.attachmentCount,
      permissionsBoundaryUsageCount: policy.record.permissionsBoundaryUsageCount,
    };
  }
  if (awsUsage !== undefined) return awsUsage.get(policy.arn) ?? UNUSED;
  return {
    attachmentCount: await store.attachments.countForPolicy(policy.arn),
    permissionsBoundaryUsageCount: await boundaryUsage(store, policy.arn),
  };
}

/** Entities whose permissions boundary is `arn`. */
async function boundaryUsage(store: StoreTx, arn: string): Promise<number> {
  const entities = await allPages((page) =>
    store.attachments.listEntities(arn, { ...page, usage: 'PermissionsBoundary' }),
  );
  return entities.length;
}

/** Whether a policy is used in one of the ways asked (always true when none is asked). */
export async function usedAs(
  store: StoreTx,
  policy: ResolvedPolicy,
  usages: readonly PolicyUsage[] | undefined,
  awsUsage?: AwsManagedUsage,
): Promise<boolean> {
  if (usages === undefined || usages.length === 0) return true;
  const counts = await usageCounts(store, policy, awsUsage);
  return usages.some((u) =>
    u === 'PermissionsPolicy' ? counts.attachmentCount > 0 : counts.permissionsBoundaryUsageCount > 0,
  );
}
