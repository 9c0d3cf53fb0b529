/**
 * The event log's domain: one AuditEvent per request Warden answers (IAM and STS calls, console
 * sign-in and console calls, workload credential fetches, external authorization decisions, admin
 * calls). Identifies who asked for what and why the answer was what it was; never carries a
 * secret, password, session token, signature or policy text (only what names a statement).
 */
import type { DecidingKind, Effect } from '../policy/types.ts';

/** Which door the request came through. */
export type EventKind =
  | 'api' // SigV4 IAM / STS Query API
  | 'console-sign-in' // console sign-in steps (password, MFA, forced password change, sign-out)
  | 'console' // console calls of IAM / STS actions as the signed-in principal
  | 'workload' // workload credential fetches (IMDS, container credentials endpoint)
  | 'authorize' // POST /v1/authorize: a service asking Warden to decide for its caller
  | 'admin'; // /admin/v1/ operations

/** The outcome of authorization: allowed, denied, or no policy decision was involved. */
export type EventDecision = 'Allow' | 'Deny' | 'none';

/** Who decided: a policy kind, `root` (the account root passes without policies), or `none`. */
export type EventDecidedBy = DecidingKind | 'root';

/** One statement that carried a decision, named without its text. */
export interface StatementRef {
  /** The policy's ARN (managed), its name (inline, `SessionPolicy`) or `trust:<roleId>`. */
  readonly policy: string;
  readonly policyType: 'managed' | 'inline' | 'session' | 'trust' | 'resource' | 'account' | 'other';
  /** For inline policies: the owning entity as `user/<id>`, `group/<id>` or `role/<id>`. */
  readonly owner?: string;
  /** The policy kind the statement was evaluated as (identity, boundary, session, ...). */
  readonly kind: string;
  /** 0-based index of the statement in its policy. */
  readonly index: number;
  readonly sid?: string;
}

/** One authorization check the request made (an action may need several). */
export interface AuthorizationCheck {
  readonly permission: string;
  readonly resource: string;
  readonly effect: Effect;
  readonly decidedBy: EventDecidedBy;
  readonly statements: readonly StatementRef[];
}

export interface AuditEvent {
  readonly time: Date;
  readonly requestId: string;
  readonly kind: EventKind;
  /** The account the request acted in; absent when it could not be told (bad signature...). */
  readonly accountId?: string;
  readonly principalArn?: string;
  readonly accessKeyId?: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** `iam`, `sts`, `signin`, `warden`, or the service a /v1/authorize caller asked about. */
  readonly service: string;
  /** The action name without its service prefix (`CreateUser`, `ConsoleLogin`, `GetObject`). */
  readonly action: string;
  readonly resources: readonly string[];
  readonly decision: EventDecision;
  readonly decidedBy?: EventDecidedBy;
  /** The statements that decided (for a Deny the denying check's, for an Allow every check's). */
  readonly statements: readonly StatementRef[];
  /** Every check made, in order. */
  readonly checks: readonly AuthorizationCheck[];
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly status: number;
  readonly latencyMs: number;
}

/** An event as stored: with its position in the log. */
export interface StoredEvent extends AuditEvent {
  readonly seq: number;
}

/** Every field optional; all given ones must match. Times are inclusive bounds. */
export interface EventFilter {
  readonly since?: Date;
  readonly until?: Date;
  readonly accountId?: string;
  readonly principalArn?: string;
  /** `CreateUser` or `iam:CreateUser` (case-insensitive). */
  readonly action?: string;
  readonly decision?: EventDecision;
  readonly errorCode?: string;
  readonly requestId?: string;
  readonly kind?: EventKind;
}

export interface EventPageRequest {
  /** Up to this many (default 100, at most 1000). */
  readonly limit?: number;
  /** From a previous page: continue after it. */
  readonly marker?: string;
}

export interface EventPage {
  /** Oldest first. */
  readonly events: readonly StoredEvent[];
  /** Present when more events match: pass it back to read on. */
  readonly marker?: string;
}

/**
 * The event log. `record` never blocks nor throws: events are queued in memory and written in
 * batches off the request's path (at least every second), and on `flush`/`close`.
 */
export interface EventLog {
  /** False when events are switched off (`record` then does nothing). */
  readonly enabled: boolean;
  record(event: AuditEvent): void;
  query(filter: EventFilter, page?: EventPageRequest): Promise<EventPage>;
  /** Writes every queued event now. */
  flush(): Promise<void>;
  /** Flushes, stops the timers and closes the file. */
  close(): Promise<void>;
}

/** The log when events are off: records nothing, finds nothing. */
export const DISABLED_EVENT_LOG: EventLog = {
  enabled: false,
  record: () => undefined,
  query: () => Promise.resolve({ events: [] }),
  flush: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
