import { iamArn, parseArn, WardenError } from '../core/index.ts';
import type { ManagedPolicyRecord, Page, StoreTx } from '../store/port.ts';
import type { Account, Caller } from './action.ts';
import { AWS_MANAGED, awsManagedArn, type AwsManagedPolicyInfo } from './aws-managed/index.ts';

/**
 * Finding the managed policy a request names by ARN: a customer managed policy in the store, or
 * an AWS managed one in the read-only catalog. AWS's wording for each way of not finding it.
 */

export const policyArn = (account: Account, path: string, name: string): string =>
  iamArn(account.partition, account.id, 'policy', path, name);

export type ResolvedPolicy =
  | { readonly kind: 'customer'; readonly arn: string; readonly record: ManagedPolicyRecord }
  | { readonly kind: 'aws'; readonly arn: string; readonly info: AwsManagedPolicyInfo };

/** `ARN x is not valid.` for anything that is not an IAM policy ARN. */
export function checkPolicyArn(arn: string): void {
  const parsed = parseArn(arn);
  if (parsed === undefined || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/')) {
    throw new WardenError('InvalidInput', `ARN ${arn} is not valid.`);
  }
}

export async function findPolicy(store: StoreTx, arn: string): Promise<ResolvedPolicy | undefined> {
  const info = AWS_MANAGED.find(arn);
  if (info !== undefined)
    return { kind: 'aws', arn: awsManagedArn(parseArn(arn)?.partition ?? 'aws', info), info };
  const record = await store.policies.getByArn(arn);
  return record === undefined ? undefined : { kind: 'customer', arn: record.arn, record };
}

/** GetPolicy and the version actions: `Policy ARN was not found.` */
export const policyNotFound = (arn: string): WardenError =>
  new WardenError('NoSuchEntity', `Policy ${arn} was not found.`);

/** Attach and boundary actions: `Policy ARN does not exist or is not attachable.` */
export const policyNotAttachable = (arn: string): WardenError =>
  new WardenError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);

export async function requirePolicy(store: StoreTx, arn: string): Promise<ResolvedPolicy> {
  checkPolicyArn(arn);
  const policy = await findPolicy(store, arn);
  if (policy === undefined) throw policyNotFound(arn);
  return policy;
}

/** A policy an attach or boundary action may use: it must exist, customer or AWS managed. */
export async function requireAttachable(store: StoreTx, arn: string): Promise<ResolvedPolicy> {
  checkPolicyArn(arn);
  const policy = await findPolicy(store, arn);
  if (policy === undefined) throw policyNotAttachable(arn);
  return policy;
}

/**
 * AWS managed policies belong to AWS, not to the account: changing one is denied like any action
 * on another account's resource, even for the root (UNCONFIRMED wording: AWS's AccessDenied form).
 */
export const awsManagedReadOnly = (caller: Caller, permission: string, arn: string): WardenError =>
  new WardenError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${permission} on resource: ${arn}`,
  );

/** The customer managed policy a write action names; AWS managed ones are read-only. */
export async function requireCustomerPolicy(
  store: StoreTx,
  caller: Caller,
  permission: string,
  arn: string,
): Promise<ManagedPolicyRecord> {
  const policy = await requirePolicy(store, arn);
  if (policy.kind === 'aws') throw awsManagedReadOnly(caller, permission, policy.arn);
  return policy.record;
}

/** Every page of a keyset-paginated store list, concatenated (for lists merged or filtered in memory). */
export async function allPages<T>(
  list: (request: { maxItems: number; marker?: string | undefined }) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await list({ maxItems: 1000, marker });
    items.push(...page.items);
    marker = page.marker;
  } while (marker !== undefined);
  return items;
}

/** Case-insensitive name order, then ARN: how the merged policy lists are sorted. */
export const byPolicyName = (a: ResolvedPolicy, b: ResolvedPolicy): number => {
  const [x, y] = [nameOf(a).toLowerCase(), nameOf(b).toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
};

export const nameOf = (policy: ResolvedPolicy): string =>
  policy.kind === 'customer' ? policy.record.policyName : policy.info.policyName;

export const pathOf = (policy: ResolvedPolicy): string =>
  policy.kind === 'customer' ? policy.record.path : policy.info.path;

/** Every AWS managed policy of the catalog, in the account's partition. */
export const awsManagedPolicies = (partition: string): ResolvedPolicy[] =>
  AWS_MANAGED.all().map((info) => ({ kind: 'aws', arn: awsManagedArn(partition, info), info }));

/** A version a policy does not have (AWS's wording for GetPolicyVersion and friends). */
export const noSuchVersion = (arn: string, versionId: string): WardenError =>
  new WardenError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
