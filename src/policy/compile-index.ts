/**
 * The action index of one policy's statements of one effect. A request's action (lowercased) maps
 * to the complete list of statements whose Action/NotAction matches it, so a lookup is one map
 * access and no glob at all. Actions the policy names literally are filled in at compile time;
 * any other action is resolved on first sight from the wildcard statements of its service prefix
 * plus the `general` ones (wildcard prefix, NotAction) and remembered, up to a bound, so a flood of
 * made-up action names cannot grow memory without limit.
 */
import type { CompiledStatement } from './compile-statement.ts';
import { matchesAnyAction } from './match-action.ts';

/** Actions remembered per index beyond those the policy names (Warden has a few hundred). */
export const MAX_REMEMBERED_ACTIONS = 2048;

export interface StatementIndex {
  /** Lowercased action -> statements matching it. Grows as unseen actions are resolved. */
  readonly byAction: Map<string, readonly CompiledStatement[]>;
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  readonly general: readonly CompiledStatement[];
  readonly size: number;
  /** `byAction` entries when compiled; the memo may add MAX_REMEMBERED_ACTIONS more. */
  readonly named: number;
}

const NONE: readonly CompiledStatement[] = Object.freeze([]);

export function statementMatchesAction(s: CompiledStatement, action: string): boolean {
  return matchesAnyAction(s.actions, action) !== s.notAction;
}

export function buildIndex(statements: readonly CompiledStatement[]): StatementIndex {
  const byService = new Map<string, CompiledStatement[]>();
  const general: CompiledStatement[] = [];
  const names = new Set<string>();
  for (const s of statements) {
    for (const p of s.actions) if (p.exact) names.add(p.text);
    if (s.notAction || s.actions.some((p) => !p.exact && p.service === undefined)) {
      general.push(s);
      continue;
    }
    const services = new Set(s.actions.filter((p) => !p.exact).map((p) => p.service ?? ''));
    for (const service of services) append(byService, service, s);
  }
  const byAction = new Map<string, readonly CompiledStatement[]>();
  for (const name of names)
    byAction.set(
      name,
      statements.filter((s) => statementMatchesAction(s, name)),
    );
  return { byAction, byService, general, size: statements.length, named: byAction.size };
}

/** The statements whose action element matches `action` (lowercased), in statement order. */
export function statementsFor(index: StatementIndex, action: string): readonly CompiledStatement[] {
  const known = index.byAction.get(action);
  if (known !== undefined) return known;
  const colon = action.indexOf(':');
  const service = colon === -1 ? action : action.slice(0, colon);
  const candidates = [...(index.byService.get(service) ?? NONE), ...index.general];
  const found = candidates.filter((s) => statementMatchesAction(s, action));
  const list = found.length === 0 ? NONE : found;
  if (index.byAction.size < index.named + MAX_REMEMBERED_ACTIONS) index.byAction.set(action, list);
  return list;
}

function append(map: Map<string, CompiledStatement[]>, key: string, s: CompiledStatement): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [s]);
  else list.push(s);
}
