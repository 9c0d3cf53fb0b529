/**
 * The action index of one policy's statements of one effect. A request's action (lowercased) maps
 * to the complete list of statements whose Action/NotAction matches it, so a lookup is one map
 * access and no glob at all. An action is resolved on first sight from the statements naming its
 * service prefix plus the `general` ones (wildcard prefix, NotAction) and remembered, up to a
 * bound, so a flood of made-up action names cannot grow memory without limit. Nothing is resolved
 * at compile time: a policy naming thousands of actions (ReadOnlyAccess) compiles in linear time,
 * and only the few actions a deployment really calls are ever resolved.
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
  /** Position of each statement in the index, to keep resolved lists in statement order. */
  readonly order: ReadonlyMap<CompiledStatement, number>;
}

const NONE: readonly CompiledStatement[] = Object.freeze([]);

export function statementMatchesAction(s: CompiledStatement, action: string): boolean {
  return matchesAnyAction(s.actions, action) !== s.notAction;
}

export function buildIndex(statements: readonly CompiledStatement[]): StatementIndex {
  const byService = new Map<string, CompiledStatement[]>();
  const general: CompiledStatement[] = [];
  for (const s of statements) {
    if (s.notAction || s.actions.some((p) => p.service === undefined)) {
      general.push(s);
      continue;
    }
    for (const service of new Set(s.actions.map((p) => p.service ?? ''))) append(byService, service, s);
  }
  const order = new Map(statements.map((s, i) => [s, i]));
  return { byAction: new Map(), byService, general, size: statements.length, order };
}

/** The statements whose action element matches `action` (lowercased), in statement order. */
export function statementsFor(index: StatementIndex, action: string): readonly CompiledStatement[] {
  const known = index.byAction.get(action);
  if (known !== undefined) return known;
  const colon = action.indexOf(':');
  const service = colon === -1 ? action : action.slice(0, colon);
  const candidates = [...(index.byService.get(service) ?? NONE), ...index.general];
  const found = candidates.filter((s) => statementMatchesAction(s, action));
  const list = found.length === 0 ? NONE : found.sort((a, b) => index.order.get(a)! - index.order.get(b)!);
  if (index.byAction.size < MAX_REMEMBERED_ACTIONS) index.byAction.set(action, list);
  return list;
}

function append(map: Map<string, CompiledStatement[]>, key: string, s: CompiledStatement): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [s]);
  else list.push(s);
}
