import type { Clock, Ids } from '../core/index.ts';
import type { ContextValue, Decision } from '../policy/types.ts';
import type { Store, StoreTx } from '../store/port.ts';
import type { Authorizer } from './authz/authorizer.ts';

/**
 * The contract every IAM and STS action implements. One file per AWS action exports one of these;
 * the registry collects them. Dispatch, validation (from the service model) and the permission
 * name (`iam:CreateUser`) derive from `service` and `name`.
 */

/**
 * What a caller signing with temporary credentials (an ASIA key) carries from its session
 * (sts-api.md B.3): it feeds aws:MultiFactorAuthPresent/Age, aws:TokenIssueTime,
 * aws:SourceIdentity, aws:PrincipalTag, and the session policies.
 */
export interface CallerSession {
  readonly kind: 'assumed-role' | 'session-token' | 'federated-user';
  readonly issueTime: Date;
  readonly expiration: Date;
  readonly mfaAuthenticated: boolean;
  readonly mfaAuthTime?: Date | undefined;
  readonly sourceIdentity?: string | undefined;
  /** Session tags (transitive ones included). */
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  readonly transitiveTagKeys: readonly string[];
  /** The inline session policy and managed session policy ARNs. */
  readonly policy?: string | undefined;
  readonly policyArns: readonly string[];
}

/**
 * Who is calling, after SigV4 authentication. A root or IAM user with `session` signed with
 * GetSessionToken credentials (the same identity); role sessions and federated users always have
 * one. `userId` is what aws:userid holds (`AROA...:SESSION`, `ACCOUNT:NAME` for sessions).
 */
export type Caller =
  | {
      readonly kind: 'root';
      readonly arn: string;
      readonly accountId: string;
      readonly accessKeyId: string;
      readonly session?: CallerSession;
    }
  | {
      readonly kind: 'user';
      readonly arn: string;
      readonly accountId: string;
      readonly accessKeyId: string;
      readonly userId: string;
      readonly userName: string;
      readonly session?: CallerSession;
    }
  | {
      readonly kind: 'assumed-role';
      /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` (no role path). */
      readonly arn: string;
      readonly accountId: string;
      readonly accessKeyId: string;
      /** `AROA...:SESSION`. */
      readonly userId: string;
      readonly roleId: string;
      readonly roleName: string;
      /** The role's ARN with its path: aws:PrincipalArn. */
      readonly roleArn: string;
      readonly sessionName: string;
      readonly session: CallerSession;
    }
  | {
      readonly kind: 'federated-user';
      /** `arn:aws:sts::ACCOUNT:federated-user/NAME`. */
      readonly arn: string;
      readonly accountId: string;
      readonly accessKeyId: string;
      /** `ACCOUNT:NAME`. */
      readonly userId: string;
      readonly federatedName: string;
      /** The IAM user whose keys obtained it; absent when the root's did. */
      readonly sourceUserId?: string | undefined;
      readonly sourceUserArn: string;
      readonly session: CallerSession;
    };

/** Facts about the HTTP request that feed condition keys and last-used records. */
export interface RequestFacts {
  readonly requestId: string;
  readonly time: Date;
  readonly region: string;
  readonly partition: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly secureTransport: boolean;
}

export interface Account {
  readonly id: string;
  readonly partition: string;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Encrypts secrets that must be recoverable (secret access keys, TOTP seeds) under the master key. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** Slow, salted, memory-hard password hashing (scrypt); verification in constant time. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/**
 * Work an action starts that runs after the request, off its transaction (the credential report).
 * Keys are per account: the server scopes them to the caller's account and hands the job that
 * account's store.
 */
export interface BackgroundJobs {
  /** Starts `job` unless one with this key is running (false then). Failures are logged. */
  start(key: string, job: (store: Store) => Promise<void>): boolean;
  running(key: string): boolean;
}

/** One authorization decision: the policy engine's, or `root` when the account root passed unchecked. */
export type DecisionListener = (note: {
  readonly permission: string;
  readonly resource: string;
  readonly decision: Decision | 'root';
}) => void;

/**
 * The accounts one Warden serves, each with a store of its own, for what crosses accounts: a role
 * of another account assumed, another account's principals named in a trust policy, account
 * aliases unique across all of them.
 */
export interface AccountStores {
  /**
   * The store of a served account, undefined for any other. Its `transaction` must not be called
   * while the request's own transaction holds its lock (it is taken at the first `ctx.store`
   * call): two requests crossing in opposite directions would wait for each other for ever.
   */
  storeOf(accountId: string): Promise<Store | undefined>;
  /** Every account served here. */
  accountIds(): readonly string[];
  /**
   * Reads from a served account's store while the request's own transaction may hold its lock:
   * gives up with `Throttling` (which SDKs retry) rather than wait for ever. Undefined for an
   * account not served here.
   */
  peek<T>(accountId: string, fn: (tx: StoreTx) => Promise<T>): Promise<{ value: T } | undefined>;
  /** The served account (other than `except`) that has this alias. */
  aliasOwner(alias: string, except: string): Promise<string | undefined>;
}

/** Everything an action may use; built per request by the server. No globals, no Date.now(). */
export interface ActionContext {
  readonly store: StoreTx;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly account: Account;
  readonly caller: Caller;
  readonly request: RequestFacts;
  readonly secrets: SecretBox;
  readonly passwords: PasswordHasher;
  readonly log: Logger;
  /**
   * The server's authorizer (compiled policies cached per principal, see authz/authorizer.ts).
   * Absent: each request compiles the caller's policies afresh (same decisions, slower).
   */
  readonly authorizer?: Authorizer;
  /** Told of every authorization decision made for the request (the event log keeps them). */
  readonly onDecision?: DecisionListener;
  /** Background work (the server's). Absent (tests): an action does that work inline instead. */
  readonly jobs?: BackgroundJobs;
  /** Every account this Warden serves (absent in unit tests of single-account actions). */
  readonly accounts?: AccountStores;
}

/**
 * What the authorizer checks before `run`: the permission is `${service}:${name}`. The store is
 * there because a resource ARN can depend on stored facts (a user's path is part of its ARN; an
 * access key's ARN is its owner's). An ActionContext is a ResourceContext.
 */
export interface ResourceContext {
  readonly account: Account;
  readonly caller: Caller;
  readonly store: StoreTx;
}

/**
 * One resource ARN, or several that must all be allowed (a rename needs permission on the entity
 * under its old and its new name, as AWS documents for UpdateUser and UpdateGroup).
 */
export type Resources = string | readonly string[];

/** Condition key -> value(s), keys in AWS's canonical case (the evaluator matches them case-insensitively). */
export type ConditionKeys = Readonly<Record<string, ContextValue>>;

export interface ActionDefinition<Input = Record<string, unknown>, Output = Record<string, unknown> | void> {
  readonly service: 'iam' | 'sts';
  /** The AWS action name, e.g. `CreateUser`. */
  readonly name: string;
  /**
   * The resource ARN(s) the permission is checked on (AWS's Service Authorization Reference),
   * or null when AWS requires no permission (sts:GetCallerIdentity).
   */
  readonly resource: ((input: Input, ctx: ResourceContext) => Resources | Promise<Resources>) | null;
  /**
   * Condition keys this request carries beyond the global ones, as AWS's Service Authorization
   * Reference lists them for the action: `aws:RequestTag/KEY` and `aws:TagKeys` for requests with
   * tags, `aws:ResourceTag/KEY` and `iam:ResourceTag/KEY` of the target, `iam:PolicyARN`,
   * `iam:PermissionsBoundary`, ... Absent: none.
   */
  readonly conditionKeys?: (input: Input, ctx: ResourceContext) => ConditionKeys | Promise<ConditionKeys>;
  /** Runs inside one store transaction; returns the output shape's members (PascalCase). */
  run(input: Input, ctx: ActionContext): Promise<Output>;
}

/** Any action, whatever its input and output types (what the registries hold). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action has its own input/output types
export type AnyAction = ActionDefinition<any, any>;
