/**
 * Condition operators that do not fit their key's type (Access Analyzer's "type mismatch"), and set
 * operators used on the wrong kind of key: `ForAllValues:`/`ForAnyValue:` on a single-valued key,
 * or a multi-valued key (`aws:TagKeys`, ...) compared without one.
 */
import type { ConditionEntry, Statement } from './ast.ts';
import type { PolicyCatalog } from './catalog.ts';
import type { Diagnostic } from './types.ts';
import { warningAt } from './validate-messages.ts';

/** Operator families that can compare each key type (Null tests presence and fits every type). */
const FITS: Readonly<Record<string, readonly string[]>> = {
  String: ['String'],
  ARN: ['Arn', 'String'],
  Numeric: ['Numeric'],
  // aws:EpochTime is documented as both Date and Numeric.
  Date: ['Date', 'Numeric'],
  Bool: ['Bool'],
  IPAddress: ['IpAddress', 'NotIpAddress'],
  Binary: ['BinaryEquals'],
};

const fits = (type: string, operator: string): boolean =>
  (FITS[type] ?? [type]).some((family) => operator.startsWith(family));

export function lintConditionTypes(statement: Statement, catalog: PolicyCatalog, out: Diagnostic[]): void {
  for (const condition of statement.conditions) {
    const type = catalog.conditionKeyType(condition.key);
    if (type !== undefined) lintCondition(condition, type, out);
  }
}

function lintCondition(condition: ConditionEntry, type: string, out: Diagnostic[]): void {
  const multiValued = type.startsWith('ArrayOf');
  const single = multiValued ? type.slice('ArrayOf'.length) : type;
  const { baseOperator: operator, key } = condition;
  if (operator !== 'Null' && FITS[single] !== undefined && !fits(single, operator)) {
    const message = `${key} holds ${single} values, which ${condition.operator} does not compare: use ${(FITS[single] ?? []).join('* or ')}* operators.`;
    out.push(warningAt('operator-type-mismatch', message, condition.span));
  }
  if (operator === 'Null') return;
  if (condition.set !== undefined && !multiValued) {
    const message = `${key} is single-valued: ${condition.set}: is meant for multi-valued keys and makes the condition behave unexpectedly (ForAllValues is true when the key is absent).`;
    out.push(warningAt('set-operator-single-valued', message, condition.span));
  } else if (condition.set === undefined && multiValued) {
    const message = `${key} is multi-valued: compare it with ForAllValues: or ForAnyValue:.`;
    out.push(warningAt('missing-set-operator', message, condition.span));
  }
}
