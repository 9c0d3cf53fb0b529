/**
 * The public types of the policy engine. Pure data: no I/O, no clock, runs in Node and the browser.
 * Parsing/validation produce `Diagnostic`s; evaluation consumes compiled policies and a request.
 */

/** Where a policy is used; each kind has its own grammar rules and size limit. */
export type PolicyKind =
  | 'identity' // inline and managed policies of users, groups, roles
  | 'resource' // resource-based policies (need Principal)
  | 'trust' // role trust policies (resource-based, with the trust-specific rules)
  | 'boundary' // permissions boundaries
  | 'session' // session policies passed to AssumeRole* / GetFederationToken
  | 'guardrail'; // account guardrails (SCP-like: principal side)

/** A position in the policy text (1-based line and column). */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface Diagnostic {
  /** Stable machine code, e.g. `syntax`, `principal-not-allowed`, `unknown-action`. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** Human text; for errors AWS reports as MalformedPolicyDocument, AWS's own message. */
  readonly message: string;
  /** A precise explanation for people when `message` is AWS's terse text (e.g. what the JSON error was). */
  readonly detail?: string;
  /** JSON pointer to the offending element, e.g. `/Statement/0/Action/1`. */
  readonly pointer: string;
  readonly position?: Position;
}

/** A context key's value as the request carries it: one value or a multi-valued set. */
export type ContextValue = string | readonly string[];

/** The calling principal as the evaluator sees it. */
export interface RequestPrincipal {
  /** `Account` (root), `User`, `AssumedRole`, `FederatedUser`, `Anonymous`, `Service`. */
  readonly type: 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Anonymous' | 'Service';
  /** The caller's ARN: user ARN, root ARN, assumed-role session ARN, federated-user ARN. */
  readonly arn: string;
  readonly account: string;
  /** For role sessions: the role's ARN (what `aws:PrincipalArn` holds and `role/NAME` principals match). */
  readonly roleArn?: string;
  /** Unique id (AIDA..., AROA...:session) for principal matching by id. */
  readonly userId?: string;
  /** For a federated session of an IAM user: that user's ARN (resource grants then do not bypass). */
  readonly sourceUserArn?: string;
  /** A service principal name such as `ec2.amazonaws.com`. */
  readonly service?: string;
  /** A web-identity or SAML provider (OIDC provider ARN, `cognito-identity.amazonaws.com`, ...). */
  readonly federatedProvider?: string;
}

export interface EvaluationRequest {
  readonly principal: RequestPrincipal;
  /** `service:Action`, e.g. `iam:CreateUser`. */
  readonly action: string;
  /** The resource ARN, or `*` for account-wide actions. */
  readonly resource: string;
  /** Account that owns the resource; defaults to the principal's account. */
  readonly resourceAccount?: string;
  /** Condition keys (any case) with their values; multi-valued keys as arrays. */
  readonly context: Readonly<Record<string, ContextValue>>;
}

/** A policy handed to the evaluator; `id` names it in matched statements (an ARN or a name). */
export interface PolicyInput {
  readonly id: string;
  readonly document: string;
}

/** Policy sets by kind. Absent `boundary`/`session`/`guardrail` mean "no such policy applies". */
export interface PolicySet<P> {
  readonly identity: readonly P[];
  readonly resource?: readonly P[];
  /** When present the caller has a boundary: allow needs a boundary allow too. */
  readonly boundary?: readonly P[];
  /** When present the caller is a session with session policies. */
  readonly session?: readonly P[];
  /** When present guardrails apply (an allow is needed from them, as with SCPs). */
  readonly guardrail?: readonly P[];
}

export type Effect = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Which kind of policy decided, as named in AWS's AccessDenied message. */
export type DecidingKind = PolicyKind | 'none';

export interface MatchedStatement {
  readonly policy: string;
  readonly kind: PolicyKind;
  readonly statement: number;
  readonly sid?: string;
  readonly start?: Position;
  readonly end?: Position;
}

export interface Decision {
  readonly effect: Effect;
  /** The policy kind whose statements (or lack of them) decided. */
  readonly decidedBy: DecidingKind;
  /** Allow or Deny statements that matched and carried the decision. */
  readonly matched: readonly MatchedStatement[];
  /** Context keys that conditions referenced but the request did not carry (for the Simulate APIs). */
  readonly missingContextKeys: readonly string[];
}
