/**
 * Step 1: an explicit Deny in any applicable policy wins. AWS names one policy type in its message
 * when several deny; we name the first in the order identity, resource (or trust), boundary,
 * session, guardrail. The root user has no identity policies, boundary or session policies.
 */
import type { CompiledPolicy } from './compile.ts';
import type { CompiledStatement } from './compile-statement.ts';
import { deniedBy } from './evaluate-decision.ts';
import type { EvalState } from './evaluate-state.ts';
import { scanPolicies } from './evaluate-statements.ts';
import { Grant } from './match-principal.ts';
import type { Decision, PolicySet } from './types.ts';

export function explicitDeny(
  policies: PolicySet<CompiledPolicy>,
  state: EvalState,
  root: boolean,
): Decision | undefined {
  const sets = root
    ? [policies.resource, policies.guardrail]
    : [policies.identity, policies.resource, policies.boundary, policies.session, policies.guardrail];
  let first: CompiledStatement | undefined;
  for (const set of sets) {
    if (scanPolicies(set, true, state) === Grant.None) continue;
    first ??= state.hit;
    if (!state.explain) break;
  }
  return first === undefined ? undefined : deniedBy(first, first.matched.kind, state);
}
