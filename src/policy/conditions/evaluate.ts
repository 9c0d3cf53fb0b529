/**
 * One condition against the request, with AWS's rules for absent keys, negation and the
 * modifiers. For key K, policy values P and positive test t:
 *  - K absent (or an empty set): `IfExists` -> true; `ForAllValues:` -> true; `ForAnyValue:` -> false;
 *    otherwise true for a negated operator, false for a positive one.
 *  - one request value v: matches(v) = some p in P with t(p, v); the result is matches(v), negated
 *    for a negated operator ("equals none of the values": NOR across P).
 *  - several values V: `ForAllValues:` every v passes; `ForAnyValue:` some v passes, "passes"
 *    meaning matches(v) (or, negated, not matches(v)); without a set modifier, "some v matches",
 *    negated as a whole.
 * Multiple values of one key are OR-ed (through matches), different keys and operators AND-ed
 * (in `conditionsHold`).
 */
import type { EvalState } from '../evaluate-state.ts';
import { resolveParts, resolveText, type Template } from '../variables.ts';
import type { CompiledCondition } from './compile.ts';
import { testNull } from './null.ts';
import type { AnyOperator } from './operator.ts';

/** All conditions of a statement (AND). In explain mode every one is evaluated, for missing keys. */
export function conditionsHold(conditions: readonly CompiledCondition[], state: EvalState): boolean {
  let holds = true;
  for (const condition of conditions) {
    if (!conditionHolds(condition, state)) {
      if (!state.explain) return false;
      holds = false;
    }
  }
  return holds;
}

export function conditionHolds(c: CompiledCondition, state: EvalState): boolean {
  const value = state.get(c.key, c.keyLower);
  if (c.unknown) return c.unknownHolds;
  const absent = value === undefined || (typeof value !== 'string' && value.length === 0);
  if (c.nullCheck !== undefined) return testNull(c.nullCheck, !absent);
  if (absent) return c.ifExists || c.set === 'all' || (c.set === 'none' && c.negated);
  if (typeof value === 'string') return matches(c, value, state) !== c.negated;
  if (c.set === 'all') return value.every((v) => matches(c, v, state) !== c.negated);
  if (c.set === 'any') return value.some((v) => matches(c, v, state) !== c.negated);
  return value.some((v) => matches(c, v, state)) !== c.negated;
}

/** Whether one request value satisfies the positive test against any policy value. */
function matches(c: CompiledCondition, raw: string, state: EvalState): boolean {
  const operator = c.operator as AnyOperator;
  const request = operator.slot === -1 ? raw : state.memo(operator.slot, raw, operator.prepareRequest);
  if (request === undefined) return false;
  const values = c.values;
  for (let i = 0; i < values.length; i++) {
    if (operator.test(values[i], request)) return true;
  }
  for (const template of c.templates) {
    const policy = prepareTemplate(operator, template, state);
    if (policy !== undefined && operator.test(policy, request)) return true;
  }
  return false;
}

/** A policy value with variables, substituted for this request; `undefined` if unresolvable. */
function prepareTemplate(operator: AnyOperator, template: Template, state: EvalState): unknown {
  if (operator.preparePattern !== undefined) {
    const parts = resolveParts(template, state);
    return parts === undefined ? undefined : operator.preparePattern(parts);
  }
  const text = resolveText(template, state);
  return text === undefined ? undefined : operator.preparePolicy(text, 'string');
}
