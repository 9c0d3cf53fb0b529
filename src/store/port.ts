/**
 * The storage port: a narrow async interface owned by the domain. Adapters (sqlite/, postgres/)
 * implement it; one contract suite (contract/) checks every adapter.
 *
 * Conventions (DESIGN.md §3.7):
 * - Records are camelCase, read-only, with `Date` for times. Absence is `undefined` (never null).
 *   Records read back omit unset optional fields; records and patches written may carry them as
 *   `undefined` (so `{ path: input.Path }` type-checks under exactOptionalPropertyTypes): in a
 *   patch, `undefined` means "leave as is" and `null` means "clear".
 * - Entities are addressed by their unique id (userId, groupId, ...) for writes, so a rename never
 *   breaks a reference; names are looked up case-insensitively and returned as stored.
 * - Expected conflicts (a name already taken, a key id reused) are typed results, not exceptions:
 *   the action maps `'conflict'` to `EntityAlreadyExists`. Anything else that goes wrong in the
 *   driver surfaces as a `StoreError` (translated in one place per adapter) and, like any thrown
 *   error, rolls the transaction back.
 * - Lists are keyset-paginated with an opaque marker: `Page.marker` present means "truncated, pass
 *   this back to continue". Markers are opaque strings; an adapter decodes them leniently (a
 *   garbled marker yields some page, never a crash).
 *
 * Not built yet but planned for (each becomes one more namespace on StoreTx, with its own
 * migration): roles, managed policies with versions and attachments, inline policies per
 * user/group/role, instance profiles, MFA devices, STS sessions, audit events, service-last-accessed
 * records, the credential report.
 */

// ---------------------------------------------------------------------------------------------
// Store: what the composition root opens and closes
// ---------------------------------------------------------------------------------------------

export interface Store {
  /**
   * Runs `fn` as ONE all-or-nothing transaction (one per API request): if `fn` resolves, its writes
   * commit durably before the returned promise resolves; if it throws, nothing it wrote remains and
   * the same error is rethrown. Transactions are serialized: two overlapping calls never interleave.
   *
   * The lock is taken lazily at the first `tx` operation, not when `fn` starts, so slow work done
   * BEFORE the first store call (password hashing) does not block other requests. Slow work done
   * between store calls does hold the lock: do it first where the action allows.
   *
   * Never call `transaction` again from inside `fn` (it would wait for itself), and never use `tx`
   * after `fn` has settled.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  /** Waits for the running transaction, then closes the database. Later calls reject. */
  close(): Promise<void>;
}

/** Everything one transaction can do, grouped by entity. */
export interface StoreTx {
  readonly settings: SettingsRepo;
  readonly account: AccountRepo;
  readonly users: UsersRepo;
  readonly groups: GroupsRepo;
  readonly accessKeys: AccessKeysRepo;
  readonly loginProfiles: LoginProfilesRepo;

  /** Counts for GetAccountSummary, in one call (grows with roles, policies, MFA devices...). */
  counts(): Promise<EntityCounts>;

  /**
   * Deletes every entity and setting, leaving an empty schema (the test-hooks reset endpoint).
   * Run it inside a transaction that then re-creates the account and the root key, so the reset
   * is atomic.
   */
  wipeAll(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** Keyset pagination request. `maxItems` is already validated by the action (1..1000). */
export interface PageRequest {
  readonly marker?: string | undefined;
  readonly maxItems: number;
}

/** One page of a list. `marker` present <=> there are more items after this page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly marker?: string | undefined;
}

/** List filter for entities with paths: a plain string prefix on the path (`/` = all). */
export interface PathPageRequest extends PageRequest {
  readonly pathPrefix?: string | undefined;
}

export type InsertResult = 'inserted' | 'conflict';
export type UpdateResult = 'updated' | 'conflict' | 'missing';

// ---------------------------------------------------------------------------------------------
// Settings and the account
// ---------------------------------------------------------------------------------------------

/** A small key-value table for server-level facts (e.g. a generated account id). */
export interface SettingsRepo {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** The one account this Warden serves. Its root access keys live in `accessKeys` (ROOT_OWNER). */
export interface AccountRecord {
  readonly accountId: string;
  readonly createDate: Date;
  readonly alias?: string | undefined;
}

export interface AccountRepo {
  get(): Promise<AccountRecord | undefined>;
  /** Creates the account row (first start, or after wipeAll). `'conflict'` if it already exists. */
  create(account: { accountId: string; createDate: Date }): Promise<InsertResult>;
  /** Sets (or replaces) the one alias. The action decides whether replacing is allowed. */
  setAlias(alias: string): Promise<void>;
  /** Removes the alias; false if there was none. */
  deleteAlias(): Promise<boolean>;
}

export interface EntityCounts {
  readonly users: number;
  readonly groups: number;
}

// ---------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------

export interface UserRecord {
  /** `AIDA...`, never reused. */
  readonly userId: string;
  /** As given at creation/rename; unique case-insensitively. */
  readonly userName: string;
  readonly path: string;
  readonly createDate: Date;
  readonly passwordLastUsed?: Date | undefined;
  readonly permissionsBoundaryArn?: string | undefined;
  /** In insertion order; the action enforces case-insensitive keys and the 50-tag quota. */
  readonly tags: readonly Tag[];
}

/** Fields UpdateUser/TagUser/sign-in may change. `null` clears an optional field. */
export interface UserPatch {
  readonly userName?: string | undefined;
  readonly path?: string | undefined;
  readonly permissionsBoundaryArn?: string | null | undefined;
  readonly passwordLastUsed?: Date | undefined;
  /** Replaces the whole tag list (the action merges). */
  readonly tags?: readonly Tag[] | undefined;
}

export interface UsersRepo {
  /** Case-insensitive: `getByName('ALICE')` finds `alice`. */
  getByName(userName: string): Promise<UserRecord | undefined>;
  getById(userId: string): Promise<UserRecord | undefined>;
  /** `'conflict'` when the name (case-insensitively) or the id is taken. */
  insert(user: UserRecord): Promise<InsertResult>;
  /** `'conflict'` when renaming onto a taken name; `'missing'` when no such user. */
  update(userId: string, patch: UserPatch): Promise<UpdateResult>;
  /**
   * False if there was no such user. The action checks DeleteConflict first; a user still owning
   * keys, a login profile or memberships makes this throw StoreError('constraint').
   */
  delete(userId: string): Promise<boolean>;
  /** Ordered by lower-cased name. */
  list(request: PathPageRequest): Promise<Page<UserRecord>>;
  count(): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Groups and membership
// ---------------------------------------------------------------------------------------------

export interface GroupRecord {
  /** `AGPA...`, never reused. */
  readonly groupId: string;
  readonly groupName: string;
  readonly path: string;
  readonly createDate: Date;
}

export interface GroupPatch {
  readonly groupName?: string | undefined;
  readonly path?: string | undefined;
}

export interface GroupsRepo {
  getByName(groupName: string): Promise<GroupRecord | undefined>;
  getById(groupId: string): Promise<GroupRecord | undefined>;
  insert(group: GroupRecord): Promise<InsertResult>;
  update(groupId: string, patch: GroupPatch): Promise<UpdateResult>;
  /** False if no such group. Throws StoreError('constraint') while it still has members. */
  delete(groupId: string): Promise<boolean>;
  /** Ordered by lower-cased name. */
  list(request: PathPageRequest): Promise<Page<GroupRecord>>;
  count(): Promise<number>;

  /** Idempotent: true if newly added, false if already a member. Both ids must exist. */
  addMember(groupId: string, userId: string): Promise<boolean>;
  /** False if the user was not a member. */
  removeMember(groupId: string, userId: string): Promise<boolean>;
  isMember(groupId: string, userId: string): Promise<boolean>;
  /** The group's users, ordered by lower-cased user name. */
  listMembers(groupId: string, request: PageRequest): Promise<Page<UserRecord>>;
  /** The user's groups, ordered by lower-cased group name. */
  listGroupsForUser(userId: string, request: PageRequest): Promise<Page<GroupRecord>>;
  countMembers(groupId: string): Promise<number>;
  countGroupsForUser(userId: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Access keys (long-term; STS session keys will get their own namespace)
// ---------------------------------------------------------------------------------------------

/** The owner of the account root's access keys (user ids start with AIDA, so no clash). */
export const ROOT_OWNER = 'root';

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRecord {
  /** `AKIA...` when generated; any 3..128 printable characters for a configured root key. */
  readonly accessKeyId: string;
  /** A userId, or ROOT_OWNER. */
  readonly owner: string;
  readonly status: AccessKeyStatus;
  /** SecretBox output: the store never sees a plaintext secret. */
  readonly sealedSecret: string;
  readonly createDate: Date;
  readonly lastUsedDate?: Date | undefined;
  readonly lastUsedService?: string | undefined;
  readonly lastUsedRegion?: string | undefined;
}

export interface AccessKeyUse {
  readonly date: Date;
  /** Service namespace of the credential scope: `iam`, `sts`, ... */
  readonly service: string;
  readonly region: string;
}

export interface AccessKeysRepo {
  get(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  /** Ordered by creation date, then id (so "key 1" and "key 2" of the credential report are stable). */
  listByOwner(owner: string): Promise<readonly AccessKeyRecord[]>;
  countByOwner(owner: string): Promise<number>;
  /** `'conflict'` if the id exists. Fields lastUsed* are ignored (a new key was never used). */
  insert(key: AccessKeyRecord): Promise<InsertResult>;
  /** False if no such key. */
  setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean>;
  delete(accessKeyId: string): Promise<boolean>;
  /**
   * Records an authenticated use. Cheap by design, since it runs on every request: the row is
   * written only when the service or region changed or the stored date is at least 60 s older
   * than `use.date`, so a busy key costs about one write a minute. Never moves the date backwards.
   * Unknown ids are ignored.
   */
  recordUse(accessKeyId: string, use: AccessKeyUse): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Login profiles (console passwords)
// ---------------------------------------------------------------------------------------------

export interface LoginProfileRecord {
  readonly userId: string;
  /** PasswordHasher output (`scrypt$N$r$p$salt$hash`): never a plaintext password. */
  readonly passwordHash: string;
  readonly createDate: Date;
  readonly passwordResetRequired: boolean;
  /** When the password was last set (creation or update); feeds the credential report. */
  readonly passwordChangedDate?: Date | undefined;
}

export interface LoginProfilesRepo {
  get(userId: string): Promise<LoginProfileRecord | undefined>;
  /** Creates or replaces the user's profile (the user must exist). */
  put(profile: LoginProfileRecord): Promise<void>;
  delete(userId: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * What went wrong in the driver, translated by the adapter in one place:
 * - `conflict`: a uniqueness constraint the port did not turn into an InsertResult;
 * - `constraint`: another integrity rule (a foreign key: e.g. deleting a user that still has keys);
 * - `busy`: the database stayed locked past the busy timeout (another process holds it);
 * - `closed`: the store was used after close();
 * - `failure`: anything else (I/O error, corrupt file, ...).
 * The edge treats a StoreError like any non-Warden error: ServiceFailure (500), logged.
 */
export type StoreErrorKind = 'conflict' | 'constraint' | 'busy' | 'closed' | 'failure';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isStoreError = (e: unknown): e is StoreError => e instanceof StoreError;
