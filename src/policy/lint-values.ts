/**
 * Condition values the evaluator can never match: a date, IP/CIDR, number, boolean or base64
 * value its operator cannot read. The operator registry's own parsers decide, so lint and
 * evaluation agree on what "cannot parse" means.
 */
import type { ConditionEntry, Statement } from './ast.ts';
import { OPERATORS } from './conditions/registry.ts';
import type { Diagnostic } from './types.ts';
import { warningAt } from './validate-messages.ts';
import type { WarningDiagnosticCode } from './validate-codes.ts';

const WHAT: Readonly<Record<string, string>> = {
  Numeric: 'a number',
  Date: 'a date (ISO 8601) or epoch seconds',
  IpAddress: 'an IP address or CIDR block',
  NotIpAddress: 'an IP address or CIDR block',
  Bool: '"true" or "false"',
  BinaryEquals: 'base64 text',
};

const CODES: Readonly<Record<string, WarningDiagnosticCode>> = {
  Numeric: 'invalid-number',
  Date: 'invalid-date-value',
  IpAddress: 'invalid-ip',
  NotIpAddress: 'invalid-ip',
  Bool: 'invalid-bool',
  BinaryEquals: 'invalid-binary',
};

/** `Numeric*` and `Date*` share one reading each; the rest are single operators. */
function family(operator: string): string | undefined {
  if (operator.startsWith('Numeric')) return 'Numeric';
  if (operator.startsWith('Date')) return 'Date';
  return operator in WHAT ? operator : undefined;
}

export function lintConditionValues(statement: Statement, out: Diagnostic[]): void {
  for (const condition of statement.conditions) lintCondition(condition, out);
}

function lintCondition(condition: ConditionEntry, out: Diagnostic[]): void {
  const entry = OPERATORS.get(condition.baseOperator);
  const name = family(condition.baseOperator);
  if (entry?.kind !== 'compare' || entry.operator.variables || name === undefined) return;
  condition.values.forEach((value, i) => {
    const type = condition.valueTypes[i] ?? 'string';
    if (entry.operator.preparePolicy(value, type) !== undefined) return;
    const message = `${condition.operator} value ${JSON.stringify(value)} is not ${WHAT[name] ?? 'valid'}: it can never match.`;
    out.push(warningAt(CODES[name] ?? 'invalid-value', message, condition.valueSpans[i] ?? condition.span));
  });
}
