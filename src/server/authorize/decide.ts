/**
 * The decision for a forwarded request: the verified principal's policies (identity, boundary,
 * session) through the server's authorizer cache, with the resource policy the service passed,
 * evaluated by the same engine and the same request context as Warden's own actions, plus the
 * service's context keys.
 */
import type { Caller, RequestFacts } from '../../iam/action.ts';
import { evaluationRequest, type Authorizer, type CompiledPrincipal } from '../../iam/authz/index.ts';
import { accountOfArn, inputPolicy } from '../../iam/authz/simulate-input.ts';
import { evaluate, type Decision, type EvaluationRequest } from '../../policy/index.ts';
import type { StoreTx } from '../../store/port.ts';
import type { AuthorizeInput } from './authorize-input.ts';

export interface Verdict {
  readonly decision: Decision;
  /** The policies the decision was made with (names the matched statements). */
  readonly principal: CompiledPrincipal;
}

const NOTHING: CompiledPrincipal = { policies: { identity: [] }, sources: new Map(), facts: { tags: [] } };

/** The caller's policies, or undefined when its user or role is gone since it authenticated. */
function compiledFor(
  tx: StoreTx,
  authorizer: Authorizer,
  caller: Caller,
): Promise<CompiledPrincipal | undefined> {
  switch (caller.kind) {
    case 'root':
      return Promise.resolve(NOTHING);
    case 'user':
      return authorizer.user(tx, caller.userId);
    case 'assumed-role':
      return authorizer.roleSession(tx, caller.roleId, caller.session);
    case 'federated-user':
      return authorizer.federatedUser(tx, caller.sourceUserId, caller.session);
  }
}

/**
 * The resource policy joins the principal's own; `resourceAccount` is the account the ARN names,
 * else the calling service's (its resources are its account's), so the cross-account rule holds.
 */
export async function decideForwarded(
  tx: StoreTx,
  authorizer: Authorizer,
  who: { readonly caller: Caller; readonly request: RequestFacts },
  input: AuthorizeInput,
  resource: { readonly policy?: CompiledPrincipal; readonly ownerAccount: string },
): Promise<Verdict> {
  const own = await compiledFor(tx, authorizer, who.caller);
  const base = own ?? NOTHING;
  const principal = resource.policy === undefined ? base : withResourcePolicy(base, resource.policy);
  const request = requestOf(who, input, base, accountOfArn(input.resource) ?? resource.ownerAccount);
  if (own === undefined) {
    return {
      decision: { effect: 'ImplicitDeny', decidedBy: 'identity', matched: [], missingContextKeys: [] },
      principal,
    };
  }
  return { decision: evaluate(principal.policies, request), principal };
}

/** The service's resource policy, checked (InvalidInput when it is not one) and compiled once per text. */
export function compileResourcePolicy(authorizer: Authorizer, text: string): CompiledPrincipal {
  return authorizer.compile({
    identity: [],
    resource: [inputPolicy(text, 'ResourcePolicy', 'resource', 'resource')],
    tags: [],
  });
}

function withResourcePolicy(base: CompiledPrincipal, resource: CompiledPrincipal): CompiledPrincipal {
  const policies = resource.policies.resource;
  return {
    ...base,
    policies: { ...base.policies, ...(policies === undefined ? {} : { resource: policies }) },
    sources: new Map([...base.sources, ...resource.sources]),
  };
}

/** The evaluation request: Warden's global keys, the service's keys; no aws:SourceIp when none was given. */
export function requestOf(
  who: { readonly caller: Caller; readonly request: RequestFacts },
  input: AuthorizeInput,
  principal: CompiledPrincipal,
  resourceAccount: string,
): EvaluationRequest {
  const request = evaluationRequest(
    { caller: who.caller, permission: input.action, resource: input.resource, keys: input.context },
    who.request,
    principal.facts,
  );
  const context = { ...request.context };
  if (who.request.sourceIp === '') delete context['aws:SourceIp'];
  if (who.request.userAgent === '') delete context['aws:UserAgent'];
  return { ...request, context, resourceAccount };
}
