/**
 * The action index of one policy's statements of one effect. A request's action (lowercased) is
 * looked up in `exact` first: every action the policy names literally maps to the complete,
 * precomputed list of statements that match it (wildcard and NotAction statements included), so
 * the common case is one map lookup and no glob at all. Other actions fall back to the wildcard
 * statements of their service prefix plus the `general` ones (wildcard prefix, NotAction), whose
 * patterns are then tested.
 */
import type { CompiledStatement } from './compile-statement.ts';
import { matchesAnyAction } from './match-action.ts';

export interface StatementIndex {
  readonly exact: ReadonlyMap<string, readonly CompiledStatement[]>;
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  readonly general: readonly CompiledStatement[];
  readonly size: number;
}

export function statementMatchesAction(s: CompiledStatement, action: string): boolean {
  return matchesAnyAction(s.actions, action) !== s.notAction;
}

export function buildIndex(statements: readonly CompiledStatement[]): StatementIndex {
  const byService = new Map<string, CompiledStatement[]>();
  const general: CompiledStatement[] = [];
  const exactNames = new Set<string>();
  for (const s of statements) {
    for (const p of s.actions) if (p.exact) exactNames.add(p.text);
    if (s.notAction || s.actions.some((p) => !p.exact && p.service === undefined)) {
      general.push(s);
      continue;
    }
    const services = new Set(s.actions.filter((p) => !p.exact).map((p) => p.service ?? ''));
    for (const service of services) append(byService, service, s);
  }
  const exact = new Map<string, CompiledStatement[]>();
  for (const name of exactNames) {
    exact.set(
      name,
      statements.filter((s) => statementMatchesAction(s, name)),
    );
  }
  return { exact, byService, general, size: statements.length };
}

function append(map: Map<string, CompiledStatement[]>, key: string, s: CompiledStatement): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [s]);
  else list.push(s);
}
