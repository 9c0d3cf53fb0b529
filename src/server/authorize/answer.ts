/** The JSON answer of `POST /v1/authorize` (AWS-style PascalCase members). */
import type { Caller } from '../../iam/action.ts';
import type { CompiledPrincipal } from '../../iam/authz/index.ts';
import { accessDeniedMessage, type Decision, type MatchedStatement } from '../../policy/index.ts';
import type { AuthFailure } from './forwarded-auth.ts';

export interface WireStatement {
  readonly SourcePolicyId: string;
  /** `user`, `group`, `role`, `aws-managed`, `user-managed`, `resource` (the Simulate APIs' types). */
  readonly SourcePolicyType: string;
  /** How it was evaluated: `identity`, `boundary`, `session` or `resource`. */
  readonly PolicyKind: string;
  readonly StatementIndex: number;
  readonly Sid?: string;
}

export interface WireReason {
  readonly Effect: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  readonly DecidedBy: string;
  readonly Message: string;
  readonly MatchedStatements: readonly WireStatement[];
}

export interface WireAnswer {
  readonly Decision: 'Allow' | 'Deny';
  readonly Principal?: {
    readonly Arn: string;
    readonly AccountId: string;
    readonly UserId: string;
    readonly Type: string;
  };
  readonly Reason: WireReason;
  readonly Error?: { readonly Code: string; readonly Message: string };
  readonly EncodedMessage?: string;
}

const TYPES = {
  root: 'Account',
  user: 'User',
  'assumed-role': 'AssumedRole',
  'federated-user': 'FederatedUser',
};

export function principalOf(caller: Caller): NonNullable<WireAnswer['Principal']> {
  return {
    Arn: caller.arn,
    AccountId: caller.accountId,
    UserId: caller.kind === 'root' ? caller.accountId : caller.userId,
    Type: TYPES[caller.kind],
  };
}

function statementOf(principal: CompiledPrincipal, m: MatchedStatement): WireStatement {
  const source = principal.sources.get(m.policy);
  return {
    SourcePolicyId: source?.sourceId ?? m.policy,
    SourcePolicyType: source?.type ?? m.kind,
    PolicyKind: m.kind,
    StatementIndex: m.statement,
    ...(m.sid === undefined ? {} : { Sid: m.sid }),
  };
}

function allowMessage(caller: Caller, action: string, resource: string, decision: Decision): string {
  const by = decision.decidedBy === 'none' ? 'as the account root' : `by a ${decision.decidedBy} policy`;
  return `User: ${caller.arn} is allowed to perform: ${action} on resource: ${resource} ${by}`;
}

/** The policy engine's decision for an authenticated principal. */
export function decisionAnswer(
  caller: Caller,
  q: { readonly action: string; readonly resource: string },
  decision: Decision,
  principal: CompiledPrincipal,
  encodedMessage: string | undefined,
): WireAnswer {
  const allowed = decision.effect === 'Allow';
  return {
    Decision: allowed ? 'Allow' : 'Deny',
    Principal: principalOf(caller),
    Reason: {
      Effect: decision.effect,
      DecidedBy: decision.decidedBy,
      Message: allowed
        ? allowMessage(caller, q.action, q.resource, decision)
        : accessDeniedMessage(caller.arn, q.action, q.resource, decision),
      MatchedStatements: decision.matched.map((m) => statementOf(principal, m)),
    },
    ...(encodedMessage === undefined ? {} : { EncodedMessage: encodedMessage }),
  };
}

/** The forwarded request could not be authenticated: a Deny with AWS's error. */
export function authFailureAnswer(failure: AuthFailure): WireAnswer {
  return {
    Decision: 'Deny',
    Reason: { Effect: 'ImplicitDeny', DecidedBy: 'none', Message: failure.message, MatchedStatements: [] },
    Error: { Code: failure.code, Message: failure.message },
  };
}
