import type { ContextValue, EvaluationRequest, RequestPrincipal } from '../../policy/index.ts';
import type { Caller, RequestFacts } from '../action.ts';

/**
 * The request as the policy engine sees it: the principal and the global condition keys every
 * request carries (policy-language.md §8.1). Action-specific keys (aws:RequestTag/..., iam:...)
 * come with the policy issue.
 */

/** The authorizer's view of one request. */
export interface AuthzRequest {
  readonly caller: Caller;
  /** `service:Action`, e.g. `iam:CreateUser`. */
  readonly permission: string;
  /** The resource ARN, or `*` for account-level actions. */
  readonly resource: string;
}

function principalOf(caller: Caller): RequestPrincipal {
  return caller.kind === 'root'
    ? { type: 'Account', arn: caller.arn, account: caller.accountId, userId: caller.accountId }
    : { type: 'User', arn: caller.arn, account: caller.accountId, userId: caller.userId };
}

function globalKeys(caller: Caller, facts: RequestFacts): Record<string, ContextValue> {
  return {
    'aws:PrincipalArn': caller.arn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType': caller.kind === 'root' ? 'Account' : 'User',
    'aws:userid': caller.kind === 'root' ? caller.accountId : caller.userId,
    ...(caller.kind === 'user' ? { 'aws:username': caller.userName } : {}),
    'aws:CurrentTime': facts.time.toISOString(),
    'aws:EpochTime': String(Math.floor(facts.time.getTime() / 1000)),
    'aws:SourceIp': facts.sourceIp,
    'aws:SecureTransport': String(facts.secureTransport),
    'aws:UserAgent': facts.userAgent,
    'aws:RequestedRegion': facts.region,
  };
}

export function evaluationRequest(request: AuthzRequest, facts: RequestFacts): EvaluationRequest {
  return {
    principal: principalOf(request.caller),
    action: request.permission,
    resource: request.resource,
    context: globalKeys(request.caller, facts),
  };
}
