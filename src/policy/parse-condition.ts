/**
 * `Condition`: `{ Operator: { Key: value | [values] } }` into flat `ConditionEntry`s, with the
 * operator name split into set modifier, base operator and `IfExists`.
 */
import type { ConditionEntry, SetModifier, Span } from './ast.ts';
import { OPERATOR_NAMES, parseOperatorName } from './conditions/registry.ts';
import type { JsonNode, JsonObject } from './json-reader.ts';
import type { Diagnostic } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

/** The base operator names AWS accepts: a view of the one operator registry, not a second list. */
export const BASE_OPERATORS: ReadonlySet<string> = new Set(OPERATOR_NAMES);

export interface OperatorName {
  readonly base: string;
  readonly set?: SetModifier;
  readonly ifExists: boolean;
}

const SET_MODIFIERS = { all: 'ForAllValues', any: 'ForAnyValue' } as const;

/** Splits `ForAnyValue:StringLikeIfExists`; `undefined` when the registry knows no such operator. */
export function splitOperator(name: string): OperatorName | undefined {
  const parsed = parseOperatorName(name);
  if (parsed === undefined) return undefined;
  const base = parsed.entry.name;
  return parsed.set === 'none'
    ? { base, ifExists: parsed.ifExists }
    : { base, set: SET_MODIFIERS[parsed.set], ifExists: parsed.ifExists };
}

export interface ParsedConditions {
  readonly entries: ConditionEntry[];
  readonly diagnostics: Diagnostic[];
}

export function parseConditionBlock(node: JsonNode): ParsedConditions {
  const entries: ConditionEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  if (node.kind !== 'object') {
    diagnostics.push(errorAt('invalid-type', AWS_MESSAGES.syntax, node.span, 'Condition must be an object'));
    return { entries, diagnostics };
  }
  for (const member of node.members) {
    const operator = splitOperator(member.key);
    if (operator === undefined) {
      const detail = `unknown condition operator ${JSON.stringify(member.key)}`;
      diagnostics.push(errorAt('unknown-operator', AWS_MESSAGES.syntax, member.keySpan, detail));
      continue;
    }
    if (member.value.kind !== 'object') {
      const detail = `the value of condition operator ${member.key} must be an object of keys`;
      diagnostics.push(errorAt('invalid-type', AWS_MESSAGES.syntax, member.value.span, detail));
      continue;
    }
    parseOperatorBody(member.key, operator, member.value, entries, diagnostics);
  }
  return { entries, diagnostics };
}

function parseOperatorBody(
  written: string,
  operator: OperatorName,
  body: JsonObject,
  entries: ConditionEntry[],
  diagnostics: Diagnostic[],
): void {
  for (const member of body.members) {
    const values = conditionValues(member.value, diagnostics);
    if (values === undefined) continue;
    entries.push({
      operator: written,
      baseOperator: operator.base,
      ...(operator.set === undefined ? {} : { set: operator.set }),
      ifExists: operator.ifExists,
      key: member.key,
      values: values.map((v) => v.text),
      valueTypes: values.map((v) => v.type),
      valuesIsArray: member.value.kind === 'array',
      span: member.keySpan,
      valueSpans: values.map((v) => v.span),
    });
  }
}

interface ScalarValue {
  readonly text: string;
  readonly type: 'string' | 'number' | 'boolean';
  readonly span: Span;
}

function conditionValues(node: JsonNode, diagnostics: Diagnostic[]): ScalarValue[] | undefined {
  const items = node.kind === 'array' ? node.items : [node];
  const values: ScalarValue[] = [];
  for (const item of items) {
    const scalar = scalarOf(item);
    if (scalar === undefined) {
      const detail = 'condition values must be strings, numbers or booleans (or an array of them)';
      diagnostics.push(errorAt('invalid-type', AWS_MESSAGES.syntax, item.span, detail));
      return undefined;
    }
    values.push(scalar);
  }
  return values;
}

function scalarOf(node: JsonNode): ScalarValue | undefined {
  switch (node.kind) {
    case 'string':
      return { text: node.value, type: 'string', span: node.span };
    case 'number':
      return { text: node.raw, type: 'number', span: node.span };
    case 'boolean':
      return { text: String(node.value), type: 'boolean', span: node.span };
    default:
      return undefined;
  }
}
