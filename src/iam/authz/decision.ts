import { evaluate, type Decision } from '../../policy/index.ts';
import type { ActionContext, Caller } from '../action.ts';
import { evaluationRequest } from './request-context.ts';

/** The authorizer's view of one request, and where its decision comes from. */

export interface AuthzRequest {
  readonly caller: Caller;
  /** `service:Action`, e.g. `iam:CreateUser`. */
  readonly permission: string;
  /** The resource ARN, or `*` for account-level actions. */
  readonly resource: string;
}

/** Decides one request for a non-root caller. Async because it will gather the caller's policies. */
export type Decide = (request: AuthzRequest) => Promise<Decision>;

/**
 * The decider for one request, the one place the policies come in. In issue 2 no policy can be
 * attached to anyone yet, so the caller's identity-based policy set is empty and the policy engine
 * answers an implicit deny. The policy issue gathers the caller's policies (its own, its groups')
 * through `ctx.store` here, and nothing else changes.
 */
export function decideFor(ctx: ActionContext): Decide {
  return (request) => Promise.resolve(evaluate({ identity: [] }, evaluationRequest(request, ctx.request)));
}
