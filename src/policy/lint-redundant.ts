/**
 * Redundancy findings: a value listed twice in one element, and a statement whose every action and
 * resource another statement of the same effect already covers without conditions (it adds
 * nothing). Coverage is conservative (see `globCovers`), so a finding is always a real redundancy.
 */
import type { PrincipalBlock, Statement, ValueList } from './ast.ts';
import type { Diagnostic } from './types.ts';
import { warningAt } from './validate-messages.ts';
import { globCovers } from './lint-glob.ts';

export function lintDuplicateValues(statement: Statement, out: Diagnostic[]): void {
  const lists: [string, ValueList | undefined, boolean][] = [
    ['Action', statement.action, true],
    ['NotAction', statement.notAction, true],
    ['Resource', statement.resource, false],
    ['NotResource', statement.notResource, false],
  ];
  for (const [element, list, ignoreCase] of lists) {
    if (list === undefined) continue;
    const seen = new Set<string>();
    list.values.forEach((value, i) => {
      const key = ignoreCase ? value.toLowerCase() : value;
      if (seen.has(key)) {
        out.push(
          warningAt(
            'duplicate-value',
            `${element} lists ${value} more than once.`,
            list.valueSpans[i] ?? list.span,
          ),
        );
      }
      seen.add(key);
    });
  }
}

const listCovers = (outer: ValueList, inner: ValueList, ignoreCase: boolean): boolean =>
  inner.values.every((v) => outer.values.some((p) => globCovers(p, v, ignoreCase)));

/** Whether `outer` grants (or denies) at least everything `inner` does. */
export function statementCovers(outer: Statement, inner: Statement): boolean {
  if (outer.effect !== inner.effect || outer.conditions.length > 0) return false;
  if (!samePrincipals(outer, inner)) return false;
  if (!outer.action || !inner.action || !listCovers(outer.action, inner.action, true)) return false;
  if (outer.notResource !== undefined || inner.notResource !== undefined) return false;
  if (outer.resource === undefined && inner.resource === undefined) return true; // trust policies
  return (
    outer.resource !== undefined &&
    inner.resource !== undefined &&
    listCovers(outer.resource, inner.resource, false)
  );
}

function samePrincipals(a: Statement, b: Statement): boolean {
  return (
    principalKey(a.principal) === principalKey(b.principal) &&
    principalKey(a.notPrincipal) === principalKey(b.notPrincipal)
  );
}

function principalKey(block: PrincipalBlock | undefined): string {
  if (block === undefined) return '';
  if (block.wildcard) return '*';
  return JSON.stringify(block.entries.map((e) => [e.type, [...e.values].sort()]).sort());
}

export function lintRedundantStatements(statements: readonly Statement[], out: Diagnostic[]): void {
  statements.forEach((inner, i) => {
    const cover = statements.find((outer, j) => {
      if (j === i || !statementCovers(outer, inner)) return false;
      // Two statements covering each other: report only the later one.
      return !(j > i && statementCovers(inner, outer));
    });
    if (cover === undefined) return;
    const which = cover.sid === undefined ? `statement ${cover.index}` : `statement ${cover.sid}`;
    const message = `This statement is redundant: ${which} already ${inner.effect === 'Allow' ? 'allows' : 'denies'} all of it without conditions.`;
    out.push(warningAt('redundant-statement', message, inner.span));
  });
}
