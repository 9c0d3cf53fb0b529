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

export function principalOf(caller: Caller): RequestPrincipal {
  const account = caller.accountId;
  switch (caller.kind) {
    case 'root':
      return { type: 'Account', arn: caller.arn, account, userId: account };
    case 'user':
      return { type: 'User', arn: caller.arn, account, userId: caller.userId };
    case 'assumed-role':
      return {
        type: 'AssumedRole',
        arn: caller.arn,
        account,
        userId: caller.userId,
        roleArn: caller.roleArn,
      };
    case 'federated-user':
      return {
        type: 'FederatedUser',
        arn: caller.arn,
        account,
        userId: caller.userId,
        sourceUserArn: caller.sourceUserArn,
      };
  }
}

const PRINCIPAL_TYPES = {
  root: 'Account',
  user: 'User',
  'assumed-role': 'AssumedRole',
  'federated-user': 'FederatedUser',
} as const;

/** aws:PrincipalArn: the role's ARN (with its path) for a role session, else the caller's own. */
const principalArnOf = (caller: Caller): string =>
  caller.kind === 'assumed-role' ? caller.roleArn : caller.arn;

function principalKeys(
  caller: Caller,
  facts: PrincipalFacts | undefined,
  now: Date,
): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    'aws:PrincipalArn': principalArnOf(caller),
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType': PRINCIPAL_TYPES[caller.kind],
    'aws:userid': caller.kind === 'root' ? caller.accountId : caller.userId,
    ...(caller.kind === 'user' ? { 'aws:username': caller.userName } : {}),
    ...sessionKeys(caller, now),
  };
  for (const { key, value } of facts?.tags ?? []) keys[`aws:PrincipalTag/${key}`] = value;
  return keys;
}

/**
 * The keys only temporary credentials carry (policy-language.md §8.1). aws:MultiFactorAuthPresent
 * and aws:MultiFactorAuthAge are absent for long-term access keys (root or IAM user), as in AWS:
 * policies test them with BoolIfExists / Null, as AWS documents.
 */
function sessionKeys(caller: Caller, now: Date): Record<string, ContextValue> {
  const { session } = caller;
  if (session === undefined) return {};
  const keys: Record<string, ContextValue> = {
    'aws:MultiFactorAuthPresent': String(session.mfaAuthenticated),
    'aws:TokenIssueTime': session.issueTime.toISOString(),
  };
  if (session.mfaAuthenticated && session.mfaAuthTime !== undefined) {
    const age = Math.max(0, Math.floor((now.getTime() - session.mfaAuthTime.getTime()) / 1000));
    keys['aws:MultiFactorAuthAge'] = String(age);
  }
  if (session.sourceIdentity !== undefined) keys['aws:SourceIdentity'] = session.sourceIdentity;
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
      ...principalKeys(request.caller, principal, facts.time),
      ...environmentKeys(request.permission, facts),
      ...request.keys,
    },
  };
}
