import type { ActionContext, Caller } from '../action.ts';

/**
 * The authorizer's view of one request and its outcome. Kept small and local so the policy engine
 * can be plugged in behind `Decide` without any action noticing.
 */

export interface AuthzRequest {
  readonly caller: Caller;
  /** `service:Action`, e.g. `iam:CreateUser`. */
  readonly permission: string;
  /** The resource ARN, or `*` for account-level actions. */
  readonly resource: string;
}

/** The policy kinds AWS names in AccessDenied messages. */
export type DecidingKind = 'identity' | 'resource' | 'boundary' | 'session' | 'guardrail' | 'trust';

export type Verdict =
  | { readonly effect: 'Allow' }
  | { readonly effect: 'ExplicitDeny' | 'ImplicitDeny'; readonly decidedBy: DecidingKind };

/** Decides one request for a non-root caller. Async because it gathers the caller's policies. */
export type Decide = (request: AuthzRequest) => Promise<Verdict>;

/**
 * The decision while no policy can be attached to anyone yet (issue 2): an IAM user has no
 * identity-based policy, so nothing allows and the request is implicitly denied. The policy issue
 * replaces this with "gather the caller's policies from the store, then policy.evaluate".
 */
export const noPoliciesYet: Decide = () => Promise.resolve({ effect: 'ImplicitDeny', decidedBy: 'identity' });

/**
 * The decider for one request. Today it is `noPoliciesYet`; the policy issue makes it gather the
 * caller's policies through `ctx.store` and evaluate them, here and nowhere else.
 */
export const decideFor = (_ctx: ActionContext): Decide => noPoliciesYet;
