/**
 * Finding the statements of one effect that apply to the request, through each policy's action
 * index. A statement applies when its action, resource, principal and conditions all match; for
 * resource-side statements the result also says HOW the principal was named (a `Grant`).
 */
import type { CompiledPolicy } from './compile.ts';
import { statementsFor, type StatementIndex } from './compile-index.ts';
import type { CompiledStatement, ResourcePattern } from './compile-statement.ts';
import { conditionsHold } from './conditions/evaluate.ts';
import type { EvalState } from './evaluate-state.ts';
import { compileArnFields, matchArn } from './match-arn.ts';
import { Grant, principalGrant } from './match-principal.ts';
import { resolveParts } from './variables.ts';

/**
 * The strongest grant among the applying statements of `policies` with effect `deny` (None when
 * none applies). The first applying statement is left in `state.hit`; in explain mode every one is
 * appended to `state.hits`. Outside explain mode the scan stops at the first Direct grant.
 */
export function scanPolicies(
  policies: readonly CompiledPolicy[] | undefined,
  deny: boolean,
  state: EvalState,
): Grant {
  state.hit = undefined;
  if (policies === undefined) return Grant.None;
  let best: Grant = Grant.None;
  for (const policy of policies) {
    best = scanIndex(deny ? policy.deny : policy.allow, state, best);
    if (best === Grant.Direct && !state.explain) return best;
  }
  return best;
}

function scanIndex(index: StatementIndex, state: EvalState, best: Grant): Grant {
  if (index.size === 0) return best;
  const list = statementsFor(index, state.action);
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as CompiledStatement;
    const grant = statementGrant(s, state);
    if (grant === Grant.None) continue;
    state.hit ??= s;
    if (state.explain) (state.hits ??= []).push(s.matched);
    if (grant > best) best = grant;
    if (best === Grant.Direct && !state.explain) return best;
  }
  return best;
}

/** How the statement applies to the request (its action already matched); None if it does not. */
function statementGrant(s: CompiledStatement, state: EvalState): Grant {
  if (!resourceMatches(s, state)) return Grant.None;
  const grant = principalOf(s, state);
  if (grant === Grant.None) return grant;
  return s.conditions.length === 0 || conditionsHold(s.conditions, state) ? grant : Grant.None;
}

function principalOf(s: CompiledStatement, state: EvalState): Grant {
  if (s.principalMissing) return Grant.None;
  if (s.principal === undefined) return Grant.Direct;
  const grant = principalGrant(s.principal, state.principal);
  if (!s.notPrincipal) return grant;
  // IAM User Guide (permissions boundaries): a Deny with NotPrincipal always denies a principal
  // that has a permissions boundary, whatever NotPrincipal lists.
  if (s.deny && state.hasBoundary) return Grant.Direct;
  return grant === Grant.None ? Grant.Direct : Grant.None;
}

function resourceMatches(s: CompiledStatement, state: EvalState): boolean {
  const resources = s.resources;
  if (resources === undefined) return true;
  let found = false;
  for (let i = 0; i < resources.length && !found; i++) {
    found = resourceMatch(resources[i] as ResourcePattern, state);
  }
  return found !== s.notResource;
}

function resourceMatch(r: ResourcePattern, state: EvalState): boolean {
  if (r.arn !== undefined) return matchArn(r.arn, state.resource);
  if (r.template === undefined) return false;
  // An unresolvable variable makes the resource string match nothing.
  const parts = resolveParts(r.template, state);
  return parts !== undefined && matchArn(compileArnFields(r.head, parts), state.resource);
}
