import type { ContextValue, EvaluationRequest, RequestPrincipal } from '../../policy/index.ts';
import type { Caller, ConditionKeys, RequestFacts } from '../action.ts';
import type { PrincipalFacts } from './gather.ts';

/**
 * The request as the policy engine sees it: the principal, the global condition keys every request
 * carries (policy-language.md §8.1) and the action's own keys (its `conditionKeys`).
 */

/** The authorizer's view of one request. */
export interface AuthzRequest {
  readonly caller: Caller;
  /** `service:Action`, e.g. `iam:CreateUser`. */
  readonly permission: string;
  /** The resource ARN, or `*` for account-level actions. */
  readonly resource: string;
  /** The action's own condition keys (aws:RequestTag/..., aws:ResourceTag/..., iam:...). */
  readonly keys?: ConditionKeys;
}

function principalOf(caller: Caller): RequestPrincipal {
  return caller.kind === 'root'
    ? { type: 'Account', arn: caller.arn, account: caller.accountId, userId: caller.accountId }
    : { type: 'User', arn: caller.arn, account: caller.accountId, userId: caller.userId };
}

function principalKeys(caller: Caller, facts: PrincipalFacts | undefined): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    'aws:PrincipalArn': caller.arn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType': caller.kind === 'root' ? 'Account' : 'User',
    'aws:userid': caller.kind === 'root' ? caller.accountId : caller.userId,
    ...(caller.kind === 'user' ? { 'aws:username': caller.userName } : {}),
  };
  for (const { key, value } of facts?.tags ?? []) keys[`aws:PrincipalTag/${key}`] = value;
  // aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge are left out: AWS does not put them in
  // the context of requests signed with long-term access keys (root or IAM user), which is every
  // caller until sessions arrive; policies test them with BoolIfExists / Null, as AWS documents.
  return keys;
}

/**
 * IAM has one endpoint per partition, in its home region: AWS puts that region in
 * aws:RequestedRegion for every IAM call ("IAM calls are always made to the us-east-1 Region"),
 * whatever region the client signed for. Other services (STS) get the region of the request.
 */
const IAM_REGIONS: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

function requestedRegion(permission: string, facts: RequestFacts): string {
  if (!permission.toLowerCase().startsWith('iam:')) return facts.region;
  return IAM_REGIONS[facts.partition] ?? facts.region;
}

function environmentKeys(permission: string, facts: RequestFacts): Record<string, ContextValue> {
  return {
    'aws:CurrentTime': facts.time.toISOString(),
    'aws:EpochTime': String(Math.floor(facts.time.getTime() / 1000)),
    'aws:SourceIp': facts.sourceIp,
    'aws:SecureTransport': String(facts.secureTransport),
    'aws:UserAgent': facts.userAgent,
    'aws:RequestedRegion': requestedRegion(permission, facts),
  };
}

export function evaluationRequest(
  request: AuthzRequest,
  facts: RequestFacts,
  principal?: PrincipalFacts,
): EvaluationRequest {
  return {
    principal: principalOf(request.caller),
    action: request.permission,
    resource: request.resource,
    context: {
      ...principalKeys(request.caller, principal),
      ...environmentKeys(request.permission, facts),
      ...request.keys,
    },
  };
}
