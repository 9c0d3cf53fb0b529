/**
 * THE list of condition operators: every base name AWS accepts, bound to the positive operator it
 * tests and whether the result is negated. Negation is "matches none of the policy values" (NOR),
 * not "differs from one of them". `IfExists`, `ForAllValues:` and `ForAnyValue:` are not listed:
 * they wrap any of these (see `evaluate.ts`).
 */
import { arnEquals, arnLike } from './arn.ts';
import { binaryEquals } from './binary.ts';
import { bool } from './bool.ts';
import {
  dateEquals,
  dateGreaterThan,
  dateGreaterThanEquals,
  dateLessThan,
  dateLessThanEquals,
} from './date.ts';
import { ipAddress } from './ip.ts';
import {
  numericEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  numericLessThan,
  numericLessThanEquals,
} from './numeric.ts';
import type { AnyOperator } from './operator.ts';
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string.ts';

export type OperatorEntry =
  | {
      readonly kind: 'compare';
      readonly name: string;
      readonly operator: AnyOperator;
      readonly negated: boolean;
    }
  | { readonly kind: 'presence'; readonly name: string };

const positive = (operator: AnyOperator): OperatorEntry => ({
  kind: 'compare',
  name: operator.name,
  operator,
  negated: false,
});
const negative = (name: string, operator: AnyOperator): OperatorEntry => ({
  kind: 'compare',
  name,
  operator,
  negated: true,
});

const ENTRIES: readonly OperatorEntry[] = [
  positive(stringEquals),
  negative('StringNotEquals', stringEquals),
  positive(stringEqualsIgnoreCase),
  negative('StringNotEqualsIgnoreCase', stringEqualsIgnoreCase),
  positive(stringLike),
  negative('StringNotLike', stringLike),
  positive(numericEquals),
  negative('NumericNotEquals', numericEquals),
  positive(numericLessThan),
  positive(numericLessThanEquals),
  positive(numericGreaterThan),
  positive(numericGreaterThanEquals),
  positive(dateEquals),
  negative('DateNotEquals', dateEquals),
  positive(dateLessThan),
  positive(dateLessThanEquals),
  positive(dateGreaterThan),
  positive(dateGreaterThanEquals),
  positive(bool),
  positive(binaryEquals),
  positive(ipAddress),
  negative('NotIpAddress', ipAddress),
  positive(arnEquals),
  negative('ArnNotEquals', arnEquals),
  positive(arnLike),
  negative('ArnNotLike', arnLike),
  { kind: 'presence', name: 'Null' },
];

export const OPERATORS: ReadonlyMap<string, OperatorEntry> = new Map(
  ENTRIES.map((entry) => [entry.name, entry]),
);

/** Every base operator name, exactly as AWS spells them. */
export const OPERATOR_NAMES: readonly string[] = ENTRIES.map((entry) => entry.name);

export type SetMode = 'none' | 'all' | 'any';

export interface OperatorName {
  readonly entry: OperatorEntry;
  readonly set: SetMode;
  readonly ifExists: boolean;
}

/** Reads `ForAnyValue:StringLikeIfExists` and the like; `undefined` for unknown operators. */
export function parseOperatorName(name: string): OperatorName | undefined {
  let rest = name;
  let set: SetMode = 'none';
  if (rest.startsWith('ForAllValues:')) [set, rest] = ['all', rest.slice('ForAllValues:'.length)];
  else if (rest.startsWith('ForAnyValue:')) [set, rest] = ['any', rest.slice('ForAnyValue:'.length)];
  const ifExists = rest.endsWith('IfExists');
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  const entry = OPERATORS.get(rest);
  if (entry === undefined || (ifExists && entry.kind === 'presence')) return undefined;
  return { entry, set, ifExists };
}
