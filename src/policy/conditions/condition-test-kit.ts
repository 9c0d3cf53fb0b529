/**
 * Test helper: whether a `Condition` block holds for a request context, through the real path (policy
 * text -> parse -> compile -> evaluate) with one Allow statement that matches everything else.
 */
import { compilePolicyText } from '../compile.ts';
import { evaluate } from '../evaluate.ts';
import type { ContextValue, Decision } from '../types.ts';

export type Context = Record<string, ContextValue>;

export function decide(condition: object, context: Context, version: string | null = '2012-10-17'): Decision {
  const statement = { Effect: 'Allow', Action: '*', Resource: '*', Condition: condition };
  const text = JSON.stringify(
    version === null ? { Statement: [statement] } : { Version: version, Statement: [statement] },
  );
  const compiled = compilePolicyText(text, 'test', 'identity');
  if (!compiled.ok) throw new Error(`test policy does not parse: ${JSON.stringify(compiled.diagnostics)}`);
  const principal = {
    type: 'User',
    arn: 'arn:aws:iam::123456789012:user/bob',
    account: '123456789012',
  } as const;
  return evaluate(
    { identity: [compiled.policy] },
    { principal, action: 'iam:GetUser', resource: '*', context },
    { explain: true },
  );
}

export function holds(condition: object, context: Context, version?: string | null): boolean {
  return decide(condition, context, version).effect === 'Allow';
}

/** A table row: operator, key, policy value(s), request value (absent when undefined), expected. */
export type Row = readonly [
  operator: string,
  key: string,
  policy: unknown,
  request: ContextValue | undefined,
  expected: boolean,
];

/** Runs rows and returns the failures as readable lines (empty when all pass). */
export function failures(rows: readonly Row[]): string[] {
  return rows.flatMap(([operator, key, policy, request, expected]) => {
    const context: Context = request === undefined ? {} : { [key]: request };
    const actual = holds({ [operator]: { [key]: policy } }, context);
    return actual === expected
      ? []
      : [`${operator} ${key}=${JSON.stringify(policy)} vs ${JSON.stringify(request)}: got ${actual}`];
  });
}
