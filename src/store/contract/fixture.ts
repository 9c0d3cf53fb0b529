import type {
  AccessKeyRecord,
  GroupRecord,
  NewManagedPolicy,
  PolicyEntityRef,
  Store,
  StoreTx,
  UserRecord,
} from '../port.ts';

/**
 * What an adapter's test hands the contract suite: a fresh, empty database per call, which can be
 * opened more than once (closing and reopening checks durability and migrations).
 */
export interface StoreFixture {
  /** Opens a store on this fixture's database; the same database every time. */
  open(): Promise<Store>;
  /** Deletes the database. */
  dispose(): Promise<void>;
}

export type StoreFixtureFactory = () => Promise<StoreFixture>;

/** Runs `fn` with a store on a fresh database, always cleaning up. */
export async function withStore<T>(
  factory: StoreFixtureFactory,
  fn: (store: Store, fixture: StoreFixture) => Promise<T>,
): Promise<T> {
  const fixture = await factory();
  const store = await fixture.open();
  try {
    return await fn(store, fixture);
  } finally {
    await store.close();
    await fixture.dispose();
  }
}

/** Runs `fn` in one transaction on a fresh database. */
export function inFreshTx<T>(factory: StoreFixtureFactory, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
  return withStore(factory, (store) => store.transaction(fn));
}

export const T0 = new Date('2026-01-02T03:04:05.678Z');
export const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

/** Deterministic ids of the right shape: AIDA + 17 characters. */
export const id = (prefix: string, n: number, length = 21): string =>
  prefix + String(n).padStart(length - prefix.length, '0');

export function aUser(n: number, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    userId: id('AIDA', n),
    userName: `user${n}`,
    path: '/',
    createDate: at(n),
    tags: [],
    ...overrides,
  };
}

export function aGroup(n: number, overrides: Partial<GroupRecord> = {}): GroupRecord {
  return { groupId: id('AGPA', n), groupName: `group${n}`, path: '/', createDate: at(n), ...overrides };
}

export function aKey(n: number, owner: string, overrides: Partial<AccessKeyRecord> = {}): AccessKeyRecord {
  return {
    accessKeyId: id('AKIA', n, 20),
    owner,
    status: 'Active',
    sealedSecret: `v1.sealed-${n}`,
    createDate: at(n),
    ...overrides,
  };
}

export const ACCOUNT_ID = '123456789012';

/** A policy document, not minified, with non-ASCII text: the store must keep it byte for byte. */
export const aDocument = (n: number): string =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [ { "Sid": "S${n}", "Effect": "Allow",\n` +
  `    "Action": "iam:Get*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "\u00e9l\u00e8ve-${n}"}} } ]\n}`;

/** A customer managed policy; its ARN follows the (possibly overridden) name and path. */
export function aPolicy(n: number, overrides: Partial<NewManagedPolicy> = {}): NewManagedPolicy {
  const policyName = overrides.policyName ?? `policy${n}`;
  const path = overrides.path ?? '/';
  return {
    policyId: id('ANPA', n),
    policyName,
    path,
    arn: `arn:aws:iam::${ACCOUNT_ID}:policy${path}${policyName}`,
    createDate: at(n),
    tags: [],
    document: aDocument(n),
    ...overrides,
  };
}

/** An AWS managed policy ARN (never stored as a policy, attachable all the same). */
export const awsPolicyArn = (name: string, path = '/'): string => `arn:aws:iam::aws:policy${path}${name}`;

export const userRef = (n: number): PolicyEntityRef => ({ type: 'user', id: aUser(n).userId });
export const groupRef = (n: number): PolicyEntityRef => ({ type: 'group', id: aGroup(n).groupId });

/** Follows markers to the end of a paginated list. */
export async function allPages<T>(
  list: (marker: string | undefined) => Promise<{ items: readonly T[]; marker?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await list(marker);
    items.push(...page.items);
    marker = page.marker;
  } while (marker !== undefined);
  return items;
}
