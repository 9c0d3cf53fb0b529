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
  p: PolicySet<CompiledPolicy>,
  state: EvalState,
  root: boolean,
): Decision | undefined {
  let first: CompiledStatement | undefined;
  for (let step = 0; step < 5; step++) {
    const policies = policiesAt(p, step, root);
    if (policies === undefined || scanPolicies(policies, true, state) === Grant.None) continue;
    first ??= state.hit;
    if (!state.explain) break;
  }
  return first === undefined ? undefined : deniedBy(first, first.matched.kind, state);
}

/** The policies of each step in naming order; undefined where none apply (root has no identity side). */
function policiesAt(
  p: PolicySet<CompiledPolicy>,
  step: number,
  root: boolean,
): readonly CompiledPolicy[] | undefined {
  switch (step) {
    case 0:
      return root ? undefined : p.identity;
    case 1:
      return p.resource;
    case 2:
      return root ? undefined : p.boundary;
    case 3:
      return root ? undefined : p.session;
    default:
      return p.guardrail;
  }
}
