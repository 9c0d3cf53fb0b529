/**
 * Building `Decision`s. In the common case (no explain mode, no missing context keys) a decision
 * is a shared frozen object: the deciding statement's own, or one per kind for implicit denies.
 */
import type { CompiledStatement } from './compile-statement.ts';
import type { EvalState } from './evaluate-state.ts';
import type { DecidingKind, Decision, Effect, MatchedStatement } from './types.ts';

const NONE: readonly MatchedStatement[] = Object.freeze([]);
const NO_KEYS: readonly string[] = Object.freeze([]);

const KINDS: readonly DecidingKind[] = [
  'identity',
  'resource',
  'trust',
  'boundary',
  'session',
  'guardrail',
  'none',
];

function frozen(effect: Effect, decidedBy: DecidingKind): Decision {
  return Object.freeze({ effect, decidedBy, matched: NONE, missingContextKeys: NO_KEYS });
}

function byKind(effect: Effect): Readonly<Record<DecidingKind, Decision>> {
  return Object.fromEntries(KINDS.map((kind) => [kind, frozen(effect, kind)])) as Record<
    DecidingKind,
    Decision
  >;
}

const IMPLICIT = byKind('ImplicitDeny');
const ALLOW_UNMATCHED = byKind('Allow');

function build(
  effect: Effect,
  decidedBy: DecidingKind,
  matched: readonly MatchedStatement[],
  state: EvalState,
): Decision {
  return { effect, decidedBy, matched, missingContextKeys: state.missing ?? NO_KEYS };
}

/** Allowed by `hit` (a statement of kind `kind`), or with no statement (the root user). */
export function allowed(hit: CompiledStatement | undefined, kind: DecidingKind, state: EvalState): Decision {
  if (state.explain) return build('Allow', kind, state.hits ?? NONE, state);
  const base = hit?.decision ?? ALLOW_UNMATCHED[kind];
  return state.missing === undefined ? base : build('Allow', kind, base.matched, state);
}

/** Implicitly denied: `kind` is the policy type that failed to allow. */
export function denied(kind: DecidingKind, state: EvalState): Decision {
  if (state.explain || state.missing !== undefined) return build('ImplicitDeny', kind, NONE, state);
  return IMPLICIT[kind];
}

/** Explicitly denied by `hit`, a Deny statement of kind `kind`. */
export function deniedBy(hit: CompiledStatement, kind: DecidingKind, state: EvalState): Decision {
  if (state.explain) return build('ExplicitDeny', kind, state.hits ?? NONE, state);
  return state.missing === undefined
    ? hit.decision
    : build('ExplicitDeny', kind, hit.decision.matched, state);
}
