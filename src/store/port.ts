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
 * migration): audit events, service-last-accessed records, the
 * credential report.
 */

import type { ConsoleSessionsRepo, RootLoginRepo, SealedSecretsRepo } from './port-sign-in.ts';
import type { AccessAdvisorRepo } from './port-access-advisor.ts';
import type { CredentialReportRepo } from './port-reports.ts';
import type { WorkloadsRepo } from './port-workloads.ts';

export type * from './port-sign-in.ts';
export type * from './port-access-advisor.ts';
export type * from './port-reports.ts';
export type * from './port-workloads.ts';

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
  /** Customer managed policies (AWS managed ones are a read-only catalog, never stored). */
  readonly policies: ManagedPoliciesRepo;
  readonly policyVersions: PolicyVersionsRepo;
  /** Managed policies (customer or AWS, by ARN) attached to users and groups. */
  readonly attachments: PolicyAttachmentsRepo;
  /** Inline policies embedded in a user, a group or a role. */
  readonly inlinePolicies: InlinePoliciesRepo;
  /** Roles (their policies live in `attachments` and `inlinePolicies` as entity type 'role'). */
  readonly roles: RolesRepo;
  readonly instanceProfiles: InstanceProfilesRepo;
  /** DeleteServiceLinkedRole's tasks, for GetServiceLinkedRoleDeletionStatus. */
  readonly roleDeletionTasks: RoleDeletionTasksRepo;
  /** The account password policy (absent until set). */
  readonly passwordPolicy: PasswordPolicyRepo;
  /** Hashes of each user's previous passwords (reuse prevention). */
  readonly passwordHistory: PasswordHistoryRepo;
  /** Virtual MFA devices, assigned to an IAM user, to the root, or to nobody. */
  readonly mfaDevices: MfaDevicesRepo;
  /** STS sessions (temporary credentials: ASIA keys). */
  readonly sessions: SessionsRepo;

  /** The account root's console email and password (absent until the first start sets them). */
  readonly rootLogin: RootLoginRepo;
  /** Console sessions and sign-in steps (tokens stored as hashes). */
  readonly consoleSessions: ConsoleSessionsRepo;
  /** Every sealed secret at rest, for master-key rotation. */
  readonly sealedSecrets: SealedSecretsRepo;
  /** Access advisor: each principal's last use of each service and action, and report jobs. */
  readonly accessAdvisor: AccessAdvisorRepo;
  /** The account's credential report (state and CSV) and the paged read that generates it. */
  readonly credentialReport: CredentialReportRepo;
  /** Workloads bound to an instance profile or a role (bearer tokens stored as hashes). */
  readonly workloads: WorkloadsRepo;

  /** Counts for GetAccountSummary, in one call (grows with roles, policies, MFA devices...). */
  counts(): Promise<EntityCounts>;

  /**
   * Everything the authorizer needs to decide for an IAM user, read in a handful of indexed
   * queries (never one per policy or per group): the user itself (tags, boundary ARN), its inline
   * policies, its attached managed policies with the DEFAULT version document of each customer
   * managed one, its boundary (with the document if customer managed), and for each of its groups
   * the same inline and attached facts. `undefined` if no such user.
   */
  authorizationFacts(userId: string): Promise<AuthorizationFacts | undefined>;

  /**
   * The same for a role (what its sessions are authorized with, before session policies): the
   * role itself (tags, boundary ARN), its inline policies, its attached managed policies with the
   * default version document of each customer managed one, and its boundary resolved like an
   * attachment. `undefined` if no such role.
   */
  roleAuthorizationFacts(roleId: string): Promise<RoleAuthorizationFacts | undefined>;

  /**
   * The authorization epoch: a counter moved forward (in the same transaction) by every write that
   * can change an authorization decision, so a cache of compiled policies stays valid exactly as
   * long as the epoch it was built under is current. One indexed read of one row.
   *
   * Writes that move it: everything in `policies`, `policyVersions`, `attachments` and
   * `inlinePolicies`; group membership add/remove; `users.update` of name, path, boundary or tags
   * (not of `passwordLastUsed` alone); `users.delete`; `groups.update` and `groups.delete`;
   * `roles.update` and `roles.delete`; and `wipeAll`. Writes that do not: inserting a user, group
   * or role (it has no policies yet), `roles.recordUse`, instance profiles, access keys,
   * login profiles, settings, the account. A write that changed nothing (attaching an attached
   * policy, deleting what is absent) may or may not move it; a rolled-back transaction never does.
   * It never goes backwards, not even across `wipeAll`, so an old cache entry can never look fresh;
   * and a value seen inside a transaction that then rolled back is never handed out again (the
   * authorizer may have cached facts read under it).
   */
  authzEpoch(): Promise<number>;

  /**
   * Deletes every entity and setting, leaving an empty schema (the test-hooks reset endpoint).
   * Run it inside a transaction that then re-creates the account and the root key, so the reset
   * is atomic. The authorization epoch is kept and moved forward, never reset.
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
  /** Customer managed policies (AWS managed ones are not counted, as in AWS). */
  readonly policies: number;
  /**
   * `PolicyVersionsInUse`. AWS does not document it precisely; Warden counts managed policy
   * attachments (customer and AWS managed, to users and groups, later roles): each attachment puts
   * one (default) policy version in use for one entity, which is how the 10000 quota is consumed.
   * Permissions boundaries are not counted.
   */
  readonly policyVersionsInUse: number;
  readonly roles: number;
  readonly instanceProfiles: number;
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
   * keys, a login profile, memberships, inline policies or attached policies makes this throw
   * StoreError('constraint'). (A permissions boundary does not: it is a field of the user.)
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
  /**
   * False if no such group. Throws StoreError('constraint') while it still has members, inline
   * policies or attached policies.
   */
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
  /** The keys of many owners in one read (a page of the credential report), each list as listByOwner's. */
  listByOwners(owners: readonly string[]): Promise<ReadonlyMap<string, readonly AccessKeyRecord[]>>;
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
// Managed policies and their versions (customer managed only)
// ---------------------------------------------------------------------------------------------

/**
 * A customer managed policy. Its name and path never change (IAM has no rename for policies), so
 * its ARN is computed once by the action (`arn:aws:iam::ACCOUNT:policy` + path + name) and stored:
 * attachments and boundaries refer to policies by ARN, which also covers AWS managed policies.
 */
export interface ManagedPolicyRecord {
  /** `ANPA...`, never reused. */
  readonly policyId: string;
  /** As given; unique per account case-insensitively. */
  readonly policyName: string;
  readonly path: string;
  /** Exact, case-sensitive; unique. */
  readonly arn: string;
  /** Set at creation only (IAM cannot change it). */
  readonly description?: string | undefined;
  readonly createDate: Date;
  /** Creation date of the newest version ever created (AWS's `UpdateDate`). */
  readonly updateDate: Date;
  /** `v1`, `v2`, ...: the version that is in force. */
  readonly defaultVersionId: string;
  /** In insertion order; keys are case-sensitive for policies (the action merges). */
  readonly tags: readonly Tag[];
  /** Derived on read: attachments to users and groups (later roles). Ignored on write. */
  readonly attachmentCount: number;
  /** Derived on read: users (later roles) whose boundary is this policy's ARN. Ignored on write. */
  readonly permissionsBoundaryUsageCount: number;
}

/** What CreatePolicy stores: the policy and its first version `v1`, which becomes the default. */
export interface NewManagedPolicy {
  readonly policyId: string;
  readonly policyName: string;
  readonly path: string;
  readonly arn: string;
  readonly description?: string | undefined;
  readonly createDate: Date;
  readonly tags: readonly Tag[];
  /** The policy text of `v1`, stored verbatim (never re-serialized). */
  readonly document: string;
}

/**
 * How a managed policy is used, for the usage filters of ListPolicies (`OnlyAttached`,
 * `PolicyUsageFilter`) and ListEntitiesForPolicy:
 * - `PermissionsPolicy`: attached to at least one entity;
 * - `PermissionsBoundary`: the permissions boundary of at least one entity.
 */
export type PolicyUsage = 'PermissionsPolicy' | 'PermissionsBoundary';

export interface PolicyListRequest extends PathPageRequest {
  /**
   * Only policies in use in one of these ways (an empty list or absent = no filter): the action maps
   * `OnlyAttached=true` to `['PermissionsPolicy']`, or with `PolicyUsageFilter` to that one usage.
   */
  readonly usedAs?: readonly PolicyUsage[] | undefined;
}

export interface ManagedPoliciesRepo {
  /** Case-insensitive, like users. */
  getByName(policyName: string): Promise<ManagedPolicyRecord | undefined>;
  getById(policyId: string): Promise<ManagedPolicyRecord | undefined>;
  /** Exact match on the stored ARN (ARNs are case-sensitive). */
  getByArn(arn: string): Promise<ManagedPolicyRecord | undefined>;
  /**
   * Creates the policy with version `v1` as its default (`updateDate` = `createDate`).
   * `'conflict'` when the name (case-insensitively), the id or the ARN is taken.
   */
  insert(policy: NewManagedPolicy): Promise<InsertResult>;
  /** Replaces the whole tag list (TagPolicy/UntagPolicy merge first). False if no such policy. */
  setTags(policyId: string, tags: readonly Tag[]): Promise<boolean>;
  /**
   * Deletes the policy and its default version. False if no such policy. Throws
   * StoreError('constraint') while it is attached to anything or still has non-default versions
   * (the action checks both first and says DeleteConflict). Being a permissions boundary does not
   * block it here: the action checks `permissionsBoundaryUsageCount`.
   */
  delete(policyId: string): Promise<boolean>;
  /** Ordered by lower-cased name. */
  list(request: PolicyListRequest): Promise<Page<ManagedPolicyRecord>>;
  count(): Promise<number>;
}

export interface PolicyVersionRecord {
  readonly policyId: string;
  /** `v` + a number that is never reused within the policy: v1..v5, delete v2, the next is v6. */
  readonly versionId: string;
  /** Exactly as sent (validated by the action, never re-serialized). */
  readonly document: string;
  /** Derived from the policy's defaultVersionId. */
  readonly isDefault: boolean;
  readonly createDate: Date;
}

export interface NewPolicyVersion {
  readonly document: string;
  readonly createDate: Date;
  /** Makes the new version the default one at once (CreatePolicyVersion `SetAsDefault`). */
  readonly setAsDefault: boolean;
}

/**
 * Versions of customer managed policies. A version id that is not of the form `v<number>` simply
 * matches nothing. The 5-version quota is the action's (it counts first).
 */
export interface PolicyVersionsRepo {
  get(policyId: string, versionId: string): Promise<PolicyVersionRecord | undefined>;
  /**
   * All versions of the policy WITH their documents, newest first (highest number first, the
   * order AWS lists them). At most 5, so never paginated here.
   */
  list(policyId: string): Promise<readonly PolicyVersionRecord[]>;
  count(policyId: string): Promise<number>;
  /**
   * Adds a version numbered one past the highest number this policy ever had, and makes the
   * policy's `updateDate` its `createDate`. Returns the new version id, or `undefined` if no such
   * policy.
   */
  create(policyId: string, version: NewPolicyVersion): Promise<string | undefined>;
  /** Makes an existing version the default. False if no such policy or version. */
  setDefault(policyId: string, versionId: string): Promise<boolean>;
  /**
   * False if no such version. Throws StoreError('constraint') for the default version (the action
   * says DeleteConflict first; the default version goes only with the policy).
   */
  delete(policyId: string, versionId: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Attachments and inline policies (users and groups; roles join with the roles issue)
// ---------------------------------------------------------------------------------------------

/** What policies attach to, or are embedded in. */
export type PolicyEntityType = 'user' | 'group' | 'role';

/** An entity by id (a userId, groupId or roleId), so renames never break a reference. */
export interface PolicyEntityRef {
  readonly type: PolicyEntityType;
  readonly id: string;
}

/** One managed policy attached to an entity (ListAttached*Policies' `AttachedPolicy`). */
export interface AttachedPolicyRef {
  readonly policyArn: string;
  /** The last segment of the ARN. */
  readonly policyName: string;
}

/** One entity using a policy (ListEntitiesForPolicy's `PolicyUser`/`PolicyGroup`). */
export interface PolicyEntity {
  readonly type: PolicyEntityType;
  /** The userId or groupId. */
  readonly id: string;
  /** Its current name, and path. */
  readonly name: string;
  readonly path: string;
}

export interface PolicyEntitiesRequest extends PathPageRequest {
  /** Only entities of this type (absent = all types). `pathPrefix` filters the ENTITY's path. */
  readonly entityType?: PolicyEntityType | undefined;
  /**
   * `PermissionsPolicy`: entities the policy is attached to; `PermissionsBoundary`: entities whose
   * boundary it is; absent: both (an entity appears once even if it uses the policy both ways).
   */
  readonly usage?: PolicyUsage | undefined;
}

/**
 * Managed policy attachments, keyed by policy ARN so AWS managed policies attach like customer
 * managed ones. The action checks that the policy exists (in the store or the AWS catalog) and the
 * 10-per-entity quota; the store links an ARN to a stored customer managed policy by its exact ARN
 * (that link is what makes `policies.delete` refuse while attached).
 */
export interface PolicyAttachmentsRepo {
  /**
   * Idempotent: true if newly attached, false if it already was. The entity must exist
   * (StoreError('constraint') otherwise).
   */
  attach(entity: PolicyEntityRef, policyArn: string): Promise<boolean>;
  /** False if it was not attached. */
  detach(entity: PolicyEntityRef, policyArn: string): Promise<boolean>;
  isAttached(entity: PolicyEntityRef, policyArn: string): Promise<boolean>;
  /**
   * The entity's attached policies, ordered by lower-cased policy name then ARN; `pathPrefix`
   * filters on the POLICY's path (taken from its ARN), as ListAttached*Policies does.
   */
  listForEntity(entity: PolicyEntityRef, request: PathPageRequest): Promise<Page<AttachedPolicyRef>>;
  countForEntity(entity: PolicyEntityRef): Promise<number>;
  /** ListEntitiesForPolicy: ordered by entity type ('group' < 'role' < 'user'), then lower-cased name. */
  listEntities(policyArn: string, request: PolicyEntitiesRequest): Promise<Page<PolicyEntity>>;
  /** AttachmentCount of any policy, customer or AWS managed. */
  countForPolicy(policyArn: string): Promise<number>;
}

/** One inline policy: its name (unique per entity, case-insensitively) and its verbatim text. */
export interface InlinePolicyRecord {
  readonly policyName: string;
  readonly document: string;
}

export interface InlinePoliciesRepo {
  /**
   * Creates or replaces (name compared case-insensitively; a replacement takes the new name's
   * case and the new document). The entity must exist (StoreError('constraint') otherwise).
   */
  put(entity: PolicyEntityRef, policy: InlinePolicyRecord): Promise<'created' | 'replaced'>;
  /** Case-insensitive on the name. */
  get(entity: PolicyEntityRef, policyName: string): Promise<InlinePolicyRecord | undefined>;
  delete(entity: PolicyEntityRef, policyName: string): Promise<boolean>;
  /** Names only (List*Policies), ordered by lower-cased name. */
  listNames(entity: PolicyEntityRef, request: PageRequest): Promise<Page<string>>;
  /**
   * Every inline policy of the entity with its document, ordered by lower-cased name: for the
   * aggregate size quota and GetAccountAuthorizationDetails.
   */
  listAll(entity: PolicyEntityRef): Promise<readonly InlinePolicyRecord[]>;
  count(entity: PolicyEntityRef): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Authorization facts (the authorizer's one read)
// ---------------------------------------------------------------------------------------------

/** A managed policy as the authorizer needs it. */
export interface ManagedPolicyFacts {
  readonly policyArn: string;
  /**
   * Present when the ARN is a stored customer managed policy: its id, default version id and
   * that version's document. Absent for an AWS managed policy (the catalog has its document).
   */
  readonly customer?:
    | {
        readonly policyId: string;
        readonly defaultVersionId: string;
        readonly document: string;
      }
    | undefined;
}

/** The policies of one principal (the user itself, one of its groups, or a role). */
export interface PrincipalPolicyFacts {
  /** Ordered by lower-cased name. */
  readonly inlinePolicies: readonly InlinePolicyRecord[];
  /** Ordered by lower-cased policy name then ARN. */
  readonly attachedPolicies: readonly ManagedPolicyFacts[];
}

export interface GroupPolicyFacts extends PrincipalPolicyFacts {
  readonly group: GroupRecord;
}

export interface AuthorizationFacts extends PrincipalPolicyFacts {
  readonly user: UserRecord;
  /** The user's permissions boundary (`user.permissionsBoundaryArn`) resolved like an attachment. */
  readonly permissionsBoundary?: ManagedPolicyFacts | undefined;
  /** The user's groups, ordered by lower-cased group name. */
  readonly groups: readonly GroupPolicyFacts[];
  /** The authorization epoch these facts were read under (same transaction). */
  readonly epoch: number;
  /**
   * The account password policy's AllowUsersToChangePassword: IAM grants every user
   * iam:ChangePassword on itself and iam:GetAccountPasswordPolicy at the account level.
   */
  readonly allowUsersToChangePassword?: boolean | undefined;
}

// ---------------------------------------------------------------------------------------------
// Account password policy, password history, virtual MFA devices
// ---------------------------------------------------------------------------------------------

/** The account password policy as stored (every field resolved: the action applies defaults). */
export interface PasswordPolicyRecord {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly allowUsersToChangePassword: boolean;
  /** Days; absent = passwords never expire. */
  readonly maxPasswordAge?: number | undefined;
  /** How many previous passwords a user may not reuse; absent = no prevention. */
  readonly passwordReusePrevention?: number | undefined;
  readonly hardExpiry: boolean;
}

/**
 * The one password policy. `put` and `delete` move the authorization epoch (AllowUsersToChangePassword
 * grants permissions), and `authorizationFacts` reports that flag.
 */
export interface PasswordPolicyRepo {
  get(): Promise<PasswordPolicyRecord | undefined>;
  /** Creates or replaces the whole policy. */
  put(policy: PasswordPolicyRecord): Promise<void>;
  /** False if there was none. */
  delete(): Promise<boolean>;
}

export interface PasswordHistoryEntry {
  readonly passwordHash: string;
  readonly setDate: Date;
}

export interface PasswordHistoryRepo {
  /** Records a password the user was given; keeps at most `keep` newest entries for the user. */
  add(userId: string, entry: PasswordHistoryEntry, keep: number): Promise<void>;
  /** The user's `limit` most recent passwords, newest first. */
  recent(userId: string, limit: number): Promise<readonly PasswordHistoryEntry[]>;
}

/** Who a device is assigned to: an IAM user (by id), or the account root (ROOT_OWNER). */
export type MfaAssignee = string;

export interface MfaDeviceRecord {
  /** `arn:aws:iam::ACCOUNT:mfa` + path + name: exact, case-sensitive. */
  readonly serialNumber: string;
  readonly deviceName: string;
  readonly path: string;
  /** SecretBox output of the Base32 seed: the store never sees a plaintext seed. */
  readonly sealedSeed: string;
  readonly createDate: Date;
  /** A userId or ROOT_OWNER when assigned; absent when unassigned. */
  readonly assignee?: MfaAssignee | undefined;
  readonly enableDate?: Date | undefined;
  /** The last TOTP time step accepted for this device (replay protection). */
  readonly lastStep?: number | undefined;
  /**
   * Steps the device's clock runs ahead (+) or behind (-) the server's, learnt by ResyncMFADevice:
   * codes are checked around the device's time. Absent = 0 (also after a new assignment).
   */
  readonly drift?: number | undefined;
  /** In insertion order; keys are case-sensitive (the action merges). */
  readonly tags: readonly Tag[];
}

export type MfaAssignmentFilter = 'Assigned' | 'Unassigned' | 'Any';

export interface MfaDeviceCounts {
  /** Every virtual device (AWS's `MFADevices`). */
  readonly devices: number;
  /** Assigned ones (`MFADevicesInUse`). */
  readonly inUse: number;
  /** Devices assigned to the root (`AccountMFAEnabled` is this > 0). */
  readonly root: number;
}

export interface MfaDevicesRepo {
  get(serialNumber: string): Promise<MfaDeviceRecord | undefined>;
  /** `'conflict'` when the serial number, or the name (case-insensitively) at that path, is taken. */
  insert(device: MfaDeviceRecord): Promise<InsertResult>;
  /**
   * Assigns an unassigned device (enable date and last accepted step with it). False if no such
   * device or already assigned. A userId assignee must exist (StoreError('constraint') otherwise).
   */
  assign(serialNumber: string, assignee: MfaAssignee, enableDate: Date, lastStep: number): Promise<boolean>;
  /** Makes the device unassigned again (its seed stays). False if no such device. */
  unassign(serialNumber: string): Promise<boolean>;
  /**
   * Records an accepted time step if it is later than the stored one: true when recorded, false
   * when the step was already used (or an earlier one was accepted since), so a code is never
   * accepted twice even by two racing requests. With `drift`, the device's drift is stored too.
   */
  useStep(serialNumber: string, step: number, drift?: number): Promise<boolean>;
  /** Replaces the whole tag list. False if no such device. */
  setTags(serialNumber: string, tags: readonly Tag[]): Promise<boolean>;
  /** False if no such device. The action refuses (DeleteConflict) while it is assigned. */
  delete(serialNumber: string): Promise<boolean>;
  /** Devices assigned to one assignee, ordered by serial number. */
  listAssigned(assignee: MfaAssignee, request: PageRequest): Promise<Page<MfaDeviceRecord>>;
  countAssigned(assignee: MfaAssignee): Promise<number>;
  /** Every device by assignment, ordered by serial number. */
  list(filter: MfaAssignmentFilter, request: PageRequest): Promise<Page<MfaDeviceRecord>>;
  counts(): Promise<MfaDeviceCounts>;
}

/** A role's facts (`StoreTx.roleAuthorizationFacts`). */
export interface RoleAuthorizationFacts extends PrincipalPolicyFacts {
  readonly role: RoleRecord;
  /** The role's permissions boundary (`role.permissionsBoundaryArn`) resolved like an attachment. */
  readonly permissionsBoundary?: ManagedPolicyFacts | undefined;
  /** The authorization epoch these facts were read under (same transaction). */
  readonly epoch: number;
}

// ---------------------------------------------------------------------------------------------
// Roles and instance profiles
// ---------------------------------------------------------------------------------------------

export interface RoleLastUsed {
  readonly date: Date;
  readonly region: string;
}

export interface RoleRecord {
  /** `AROA...`, never reused. */
  readonly roleId: string;
  /** As given; unique case-insensitively. */
  readonly roleName: string;
  readonly path: string;
  /** The trust policy, exactly as sent (validated by the action). */
  readonly assumeRolePolicyDocument: string;
  readonly description?: string | undefined;
  /** Seconds, 3600..43200. */
  readonly maxSessionDuration: number;
  readonly createDate: Date;
  readonly permissionsBoundaryArn?: string | undefined;
  /** When and where a session of the role was last used (absent: never). */
  readonly lastUsed?: RoleLastUsed | undefined;
  /** Set for a service-linked role: the AWS service it belongs to (`AWSServiceName`). */
  readonly linkedService?: string | undefined;
  /** In insertion order; keys case-insensitive like users' (the action merges). */
  readonly tags: readonly Tag[];
}

/** Fields UpdateRole, UpdateAssumeRolePolicy, TagRole and the boundary actions change. */
export interface RolePatch {
  readonly assumeRolePolicyDocument?: string | undefined;
  readonly description?: string | null | undefined;
  readonly maxSessionDuration?: number | undefined;
  readonly permissionsBoundaryArn?: string | null | undefined;
  readonly tags?: readonly Tag[] | undefined;
}

export interface RolesRepo {
  /** Case-insensitive. */
  getByName(roleName: string): Promise<RoleRecord | undefined>;
  getById(roleId: string): Promise<RoleRecord | undefined>;
  /** `'conflict'` when the name (case-insensitively) or the id is taken. `lastUsed` is ignored. */
  insert(role: RoleRecord): Promise<InsertResult>;
  /** False if no such role. Moves the authorization epoch. */
  update(roleId: string, patch: RolePatch): Promise<boolean>;
  /**
   * Records a use of the role by a session (RoleLastUsed), cheaply like `accessKeys.recordUse`: a
   * write only when the region changed or the stored date is at least 60 s older. Never moves the
   * date backwards; unknown ids are ignored; does not move the epoch.
   */
  recordUse(roleId: string, use: RoleLastUsed): Promise<void>;
  /**
   * False if no such role. Throws StoreError('constraint') while it still has inline policies,
   * attached policies or an instance profile (the action says DeleteConflict first).
   */
  delete(roleId: string): Promise<boolean>;
  /** Ordered by lower-cased name. */
  list(request: PathPageRequest): Promise<Page<RoleRecord>>;
  count(): Promise<number>;
}

export interface InstanceProfileRecord {
  /** `AIPA...`, never reused. */
  readonly instanceProfileId: string;
  /** Unique case-insensitively. */
  readonly instanceProfileName: string;
  readonly path: string;
  readonly createDate: Date;
  /** Keys compared with their case (the action merges). */
  readonly tags: readonly Tag[];
  /** The one role it holds, if any. */
  readonly roleId?: string | undefined;
}

export interface InstanceProfilesRepo {
  /** Case-insensitive. */
  getByName(name: string): Promise<InstanceProfileRecord | undefined>;
  getById(instanceProfileId: string): Promise<InstanceProfileRecord | undefined>;
  /** `'conflict'` when the name (case-insensitively) or the id is taken. `roleId` is ignored. */
  insert(profile: InstanceProfileRecord): Promise<InsertResult>;
  /** Replaces the whole tag list. False if no such profile. */
  setTags(instanceProfileId: string, tags: readonly Tag[]): Promise<boolean>;
  /**
   * Puts the role in the profile: `'added'`; `'full'` when it already holds a role (this one or
   * another: the action tells which); `'missing'` when no such profile. The role must exist
   * (StoreError('constraint') otherwise).
   */
  addRole(instanceProfileId: string, roleId: string): Promise<'added' | 'full' | 'missing'>;
  /** False unless the profile held exactly this role. */
  removeRole(instanceProfileId: string, roleId: string): Promise<boolean>;
  /** False if no such profile. Throws StoreError('constraint') while it holds a role. */
  delete(instanceProfileId: string): Promise<boolean>;
  /** Ordered by lower-cased name. */
  list(request: PathPageRequest): Promise<Page<InstanceProfileRecord>>;
  /** The profiles holding the role, ordered by lower-cased name. */
  listForRole(roleId: string, request: PageRequest): Promise<Page<InstanceProfileRecord>>;
  countForRole(roleId: string): Promise<number>;
  count(): Promise<number>;
}

export type DeletionTaskStatus = 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED';

export interface RoleDeletionTasksRepo {
  get(taskId: string): Promise<DeletionTaskStatus | undefined>;
  /** Creates or replaces the task's status. */
  put(taskId: string, status: DeletionTaskStatus, createDate: Date): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// STS sessions (temporary credentials)
// ---------------------------------------------------------------------------------------------

/** How a session was issued: AssumeRole*, GetSessionToken, GetFederationToken. */
export type SessionKind = 'assumed-role' | 'session-token' | 'federated-user';

export interface SessionRecord {
  /** `ASIA...`, never reused. */
  readonly accessKeyId: string;
  /** SecretBox output: the store never sees a plaintext secret. */
  readonly sealedSecret: string;
  /** Hex SHA-256 of the session token: the token itself is never stored. */
  readonly tokenHash: string;
  readonly kind: SessionKind;
  /**
   * Whose session it is: the role's id (assumed-role), or the issuing user's id / ROOT_OWNER
   * (session-token, federated-user).
   */
  readonly principalId: string;
  /** The role's ARN at issue time (assumed-role): roles cannot be renamed or moved. */
  readonly roleArn?: string | undefined;
  /** The role session name (assumed-role) or the federated user's name. */
  readonly sessionName?: string | undefined;
  readonly issueTime: Date;
  readonly expiration: Date;
  /** The inline session policy, verbatim. */
  readonly policy?: string | undefined;
  /** Managed session policies by ARN. */
  readonly policyArns: readonly string[];
  /** Session tags (including those inherited transitively), in order. */
  readonly tags: readonly Tag[];
  /** The keys of `tags` that pass on to chained sessions. */
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity?: string | undefined;
  /** Whether MFA was used to obtain the session (or the session it was chained from). */
  readonly mfaAuthenticated: boolean;
  readonly mfaAuthTime?: Date | undefined;
  /** The access key id of the session this one was obtained with (role chaining). */
  readonly chainedFrom?: string | undefined;
}

export interface SessionsRepo {
  get(accessKeyId: string): Promise<SessionRecord | undefined>;
  /** `'conflict'` if the access key id exists. */
  insert(session: SessionRecord): Promise<InsertResult>;
  /** Deletes the sessions that expired before `before`; returns how many. */
  purgeExpired(before: Date): Promise<number>;
  /** Deletes every session of a principal (role id, user id or ROOT_OWNER); returns how many. */
  deleteForPrincipal(principalId: string): Promise<number>;
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
