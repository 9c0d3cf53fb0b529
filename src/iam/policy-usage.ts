import type { PolicyUsage, StoreTx } from '../store/port.ts';
import { AWS_MANAGED } from './aws-managed/index.ts';
import { allPages, type ResolvedPolicy } from './managed-policies.ts';

/**
 * How many entities use a managed policy, each way. Customer managed policies carry their counts
 * (derived by the store); AWS managed ones have no row, so they are counted: one policy at a time
 * (GetPolicy), or for many at once (ListPolicies, GetAccountAuthorizationDetails) in as few
 * queries as the account's size allows.
 */

export interface PolicyUsageCounts {
  readonly attachmentCount: number;
  readonly permissionsBoundaryUsageCount: number;
}

const UNUSED: PolicyUsageCounts = { attachmentCount: 0, permissionsBoundaryUsageCount: 0 };

/** AWS managed policy ARN -> its counts in this account; policies not in the map are unused. */
export type AwsManagedUsage = ReadonlyMap<string, PolicyUsageCounts>;

/**
 * The usage of the AWS managed policies `arns` (others may be counted too). Boundaries are a
 * field of the user or role: one pass over them counts them all. Attachments are counted either per
 * policy or per entity, whichever takes fewer queries for this account.
 */
export async function awsManagedUsage(store: StoreTx, arns: readonly string[]): Promise<AwsManagedUsage> {
  const usage = new Map<string, { attachmentCount: number; permissionsBoundaryUsageCount: number }>();
  const entry = (arn: string) => {
    let counts = usage.get(arn);
    if (counts === undefined)
      usage.set(arn, (counts = { attachmentCount: 0, permissionsBoundaryUsageCount: 0 }));
    return counts;
  };
  const users = await allPages((page) => store.users.list(page));
  const roles = await allPages((page) => store.roles.list(page));
  for (const { permissionsBoundaryArn: boundary } of [...users, ...roles]) {
    if (boundary !== undefined && AWS_MANAGED.find(boundary) !== undefined)
      entry(boundary).permissionsBoundaryUsageCount++;
  }
  const groups = await allPages((page) => store.groups.list(page));
  if (arns.length <= users.length + groups.length + roles.length) {
    for (const arn of arns) {
      const count = await store.attachments.countForPolicy(arn);
      if (count > 0) entry(arn).attachmentCount = count;
    }
    return usage;
  }
  const entities = [
    ...users.map((u) => ({ type: 'user', id: u.userId }) as const),
    ...groups.map((g) => ({ type: 'group', id: g.groupId }) as const),
    ...roles.map((r) => ({ type: 'role', id: r.roleId }) as const),
  ];
  for (const entity of entities) {
    const refs = await allPages((page) => store.attachments.listForEntity(entity, page));
    for (const ref of refs)
      if (AWS_MANAGED.find(ref.policyArn) !== undefined) entry(ref.policyArn).attachmentCount++;
  }
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
