import {
  evaluate,
  type CompiledPolicy,
  type Decision,
  type EvaluateOptions,
  type EvaluationRequest,
} from '../../policy/index.ts';
import type { ActionContext } from '../action.ts';
import { awsManagedPolicy } from '../aws-managed/index.ts';
import { Authorizer, type CompiledPrincipal } from './authorizer.ts';
import { evaluationRequest, type AuthzRequest } from './request-context.ts';

/** Decides one request for a non-root caller. Async because it gathers the caller's policies. */
export type Decide = (request: AuthzRequest) => Promise<Decision>;

/** The shipped AWS managed catalog as the authorizer reads it. */
export const catalogDocuments = (arn: string): string | undefined => awsManagedPolicy(arn)?.document;

/** The context's authorizer, or a throwaway one (no cache across requests) when there is none. */
export const authorizerOf = (ctx: Pick<ActionContext, 'authorizer'>): Authorizer =>
  ctx.authorizer ?? new Authorizer({ awsManaged: catalogDocuments, maxPrincipals: 1 });

/**
 * THE evaluation step, shared by enforcement and the Simulate APIs: a principal's compiled
 * policies (for simulation also a resource policy) against one request. Enforcement and the
 * simulator differ only in where the request's context comes from.
 */
export function decidePrincipal(
  principal: CompiledPrincipal,
  request: EvaluationRequest,
  options?: EvaluateOptions,
): Decision {
  return evaluate(principal.policies, request, options);
}

/** A decision with no policy behind it: the caller no longer exists. */
const noPrincipal: Decision = {
  effect: 'ImplicitDeny',
  decidedBy: 'identity',
  matched: [],
  missingContextKeys: [],
};

/**
 * The decider for one request, the one place the policies come in: the caller's policies (its own,
 * its groups', its boundary) gathered through the authorizer's cache, and the request's context
 * from the real request (SigV4 facts, the caller's tags, the action's condition keys).
 */
export function decideFor(
  ctx: ActionContext,
  resource?: readonly CompiledPolicy[],
  /** The account that owns the resource when it is not the caller's (a role of another account). */
  resourceAccount?: string,
): Decide {
  const decide = policyDecider(ctx, resource, resourceAccount);
  const listener = ctx.onDecision;
  if (listener === undefined) return decide;
  return async (request) => {
    const decision = await decide(request);
    listener({ permission: request.permission, resource: request.resource, decision });
    return decision;
  };
}

function policyDecider(
  ctx: ActionContext,
  resource: readonly CompiledPolicy[] | undefined,
  resourceAccount: string | undefined,
): Decide {
  const owner = resourceAccount === undefined ? {} : { resourceAccount };
  const authorizer = authorizerOf(ctx);
  let gathered: Promise<CompiledPrincipal | undefined> | undefined;
  return async (request) => {
    const { caller } = request;
    if (caller.kind === 'root') {
      return evaluate(
        { identity: [], ...(resource && { resource }) },
        { ...evaluationRequest(request, ctx.request), ...owner },
      );
    }
    // A rename is authorized on two resources: gather once per request.
    gathered ??=
      caller.kind === 'user'
        ? authorizer.user(ctx.store, caller.userId)
        : caller.kind === 'assumed-role'
          ? authorizer.roleSession(ctx.store, caller.roleId, caller.session)
          : authorizer.federatedUser(ctx.store, caller.sourceUserId, caller.session);
    const principal = await gathered;
    if (principal === undefined) return noPrincipal;
    // A resource-based policy of the target (a role's trust policy for sts:AssumeRole) joins the
    // principal's own: evaluate applies the same-account and trust rules (spec 7.3, 7.4).
    const policies =
      resource === undefined ? principal : { ...principal, policies: { ...principal.policies, resource } };
    return decidePrincipal(policies, {
      ...evaluationRequest(request, ctx.request, principal.facts),
      ...owner,
    });
  };
}
