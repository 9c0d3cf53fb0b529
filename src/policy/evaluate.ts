/**
 * The decision for one request (spec 7.3-7.5, IAM User Guide "Policy evaluation logic"):
 *  1. an explicit Deny in any applicable policy wins;
 *  2. guardrails (SCP-like) must allow;
 *  3. the root user is then allowed in its own account;
 *  4. same account: a resource grant naming the exact caller allows outright; a role trust policy
 *     must itself allow; otherwise identity policies and resource grants form a union, cut by the
 *     permissions boundary and session policies;
 *  5. across accounts both sides must allow: the resource policy, and the caller's own
 *     identity policies cut by its boundary and session policies.
 */
import type { CompiledPolicy } from './compile.ts';
import { allowed, denied } from './evaluate-decision.ts';
import { explicitDeny } from './evaluate-deny.ts';
import { EvalState } from './evaluate-state.ts';
import { scanPolicies } from './evaluate-statements.ts';
import { Grant } from './match-principal.ts';
import type { Decision, EvaluationRequest, PolicyKind, PolicySet } from './types.ts';

export interface EvaluateOptions {
  /**
   * Evaluate every statement and condition: all matched statements and every missing context key
   * (the Simulate APIs). Without it, evaluation stops as soon as the decision is known.
   */
  readonly explain?: boolean;
}

type Policies = PolicySet<CompiledPolicy>;

export function evaluate(
  policies: Policies,
  request: EvaluationRequest,
  options?: EvaluateOptions,
): Decision {
  const state = new EvalState(request, policies.boundary !== undefined, options?.explain === true);
  const root = request.principal.type === 'Account';
  const deny = explicitDeny(policies, state, root);
  if (deny !== undefined) return deny;
  if (policies.guardrail !== undefined && scanPolicies(policies.guardrail, false, state) === Grant.None) {
    return denied('guardrail', state);
  }
  const sameAccount = (request.resourceAccount ?? request.principal.account) === request.principal.account;
  if (root) return rootDecision(policies, state, sameAccount);
  if (!hasIdentitySide(state)) return resourceOnlyDecision(policies, state);
  return principalDecision(policies, state, sameAccount);
}

/**
 * Service principals and unauthenticated callers (anonymous, or a web-identity/SAML caller before
 * it has a session) have no identity policies in any account: only the resource side can allow.
 */
function hasIdentitySide(state: EvalState): boolean {
  return state.principal.type !== 'Service' && state.principal.type !== 'Anonymous';
}

function resourceOnlyDecision(policies: Policies, state: EvalState): Decision {
  const kind = resourceKind(policies);
  return scanPolicies(policies.resource, false, state) === Grant.None
    ? denied(kind, state)
    : allowed(state.hit, kind, state);
}

/** The root user has no identity policies, boundary or session policies; across accounts the resource must allow. */
function rootDecision(policies: Policies, state: EvalState, sameAccount: boolean): Decision {
  return sameAccount ? allowed(undefined, 'none', state) : resourceOnlyDecision(policies, state);
}

function principalDecision(policies: Policies, state: EvalState, sameAccount: boolean): Decision {
  const kind = resourceKind(policies);
  const grant = scanPolicies(policies.resource, false, state);
  const grantHit = state.hit;
  if (sameAccount && grant === Grant.Direct) return allowed(grantHit, kind, state);
  if (grant === Grant.None && (kind === 'trust' || !sameAccount)) return denied(kind, state);
  // Across accounts a grant of any kind is the resource side's allow; the identity side must allow too.
  const grantCounts = sameAccount && grant === Grant.Limited;
  const identity = scanPolicies(policies.identity, false, state) !== Grant.None;
  const identityHit = state.hit;
  if (!identity && !grantCounts) return denied('identity', state);
  if (policies.boundary !== undefined && scanPolicies(policies.boundary, false, state) === Grant.None) {
    return denied('boundary', state);
  }
  if (sessionApplies(policies, state) && scanPolicies(policies.session, false, state) === Grant.None) {
    return denied('session', state);
  }
  return identity ? allowed(identityHit, 'identity', state) : allowed(grantHit, kind, state);
}

/** GetFederationToken without a session policy grants nothing (spec 7.3). */
function sessionApplies(policies: Policies, state: EvalState): boolean {
  return policies.session !== undefined || state.principal.type === 'FederatedUser';
}

/** A role's trust policy is the resource side of sts:AssumeRole*; its rules differ (spec 7.3). */
function resourceKind(policies: Policies): PolicyKind {
  for (const policy of policies.resource ?? NO_POLICIES) if (policy.kind === 'trust') return 'trust';
  return 'resource';
}

const NO_POLICIES: readonly CompiledPolicy[] = [];
