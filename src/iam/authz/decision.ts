import { evaluate, type Decision } from '../../policy/index.ts';
import type { ActionContext } from '../action.ts';
import { evaluationRequest, type AuthzRequest } from './request-context.ts';

/** Where the decision on one request comes from. */

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
