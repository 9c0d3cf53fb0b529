/**
 * Binds a parsed condition entry to its operator once: policy values parsed (CIDRs, dates,
 * numbers, globs), variables split out as templates resolved per request, key lowercased.
 */
import type { ConditionEntry } from '../ast.ts';
import { parseTemplate, staticParts, VARIABLES_VERSION, type Template } from '../variables.ts';
import { compileNull, type NullCheck } from './null.ts';
import type { AnyOperator, ValueType } from './operator.ts';
import { parseOperatorName, type SetMode } from './registry.ts';

export interface CompiledCondition {
  /** The key as written (reported as a missing context key) and lowercased (for lookups). */
  readonly key: string;
  readonly keyLower: string;
  readonly set: SetMode;
  readonly ifExists: boolean;
  readonly negated: boolean;
  /** The positive operator; `undefined` for `Null` and for operators AWS does not have. */
  readonly operator: AnyOperator | undefined;
  readonly nullCheck: NullCheck | undefined;
  /**
   * Set for an operator AWS does not have (only reachable when compiling an unvalidated
   * document): the condition then holds exactly when `unknownHolds` says (fail closed).
   */
  readonly unknown: boolean;
  readonly unknownHolds: boolean;
  /** Prepared policy values (those that cannot parse are dropped: they match nothing). */
  readonly values: readonly unknown[];
  /** Values with policy variables, prepared per request. */
  readonly templates: readonly Template[];
}

export interface ConditionOptions {
  /** Document version: only `2012-10-17` substitutes variables. */
  readonly version: string | undefined;
  /** Whether the statement is a Deny (an unknown operator then holds, failing closed). */
  readonly deny: boolean;
}

export function compileCondition(entry: ConditionEntry, options: ConditionOptions): CompiledCondition {
  const name = parseOperatorName(entry.operator);
  const base = { key: entry.key, keyLower: entry.key.toLowerCase(), values: [], templates: [] };
  if (name === undefined) {
    return {
      ...base,
      set: 'none',
      ifExists: false,
      negated: false,
      operator: undefined,
      nullCheck: undefined,
      unknown: true,
      unknownHolds: options.deny,
    };
  }
  const common = { ...base, set: name.set, ifExists: name.ifExists, unknown: false, unknownHolds: false };
  if (name.entry.kind === 'presence') {
    return { ...common, negated: false, operator: undefined, nullCheck: compileNull(entry.values) };
  }
  const { operator, negated } = name.entry;
  const values: unknown[] = [];
  const templates: Template[] = [];
  entry.values.forEach((value, i) => {
    const type: ValueType = entry.valueTypes[i] ?? 'string';
    const template =
      operator.variables && options.version === VARIABLES_VERSION ? parseTemplate(value) : undefined;
    if (template?.dynamic === true) {
      templates.push(template);
      return;
    }
    const prepared =
      template === undefined ? operator.preparePolicy(value, type) : prepareStatic(operator, template);
    if (prepared !== undefined) values.push(prepared);
  });
  return { ...common, negated, operator, nullCheck: undefined, values, templates };
}

/** A template with escapes but no variables: resolved once, its escaped characters literal. */
function prepareStatic(operator: AnyOperator, template: Template): unknown {
  const parts = staticParts(template);
  if (operator.preparePattern !== undefined) return operator.preparePattern(parts);
  return operator.preparePolicy(parts.map((part) => part.text).join(''), 'string');
}
