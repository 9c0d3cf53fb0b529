/**
 * The Condition block, read straight from the User Guide: operators AND-ed, keys under one
 * operator AND-ed, a key's policy values OR-ed (NOR for negated operators); a missing key fails a
 * positive operator and satisfies a negated one; `...IfExists` passes when the key is missing;
 * `ForAnyValue:` needs one request value to pass (missing/empty set: false), `ForAllValues:`
 * needs every request value to pass (missing/empty set: true); `Null` tests presence.
 */
import { OPERATORS, type OperatorDef, type PolicyValueEnv } from './naive-operators.ts';
import { lookup } from './naive-variables.ts';

type SetPrefix = 'ForAllValues' | 'ForAnyValue' | undefined;

interface ParsedOperator {
  readonly prefix: SetPrefix;
  readonly base: string;
  readonly ifExists: boolean;
}

export function conditionsHold(block: unknown, env: PolicyValueEnv): boolean {
  if (block === undefined) return true;
  if (!isObject(block)) return false;
  return Object.entries(block).every(([name, keys]) => operatorHolds(parseOperator(name), keys, env));
}

function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let prefix: SetPrefix;
  for (const p of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${p}:`)) {
      prefix = p;
      rest = rest.slice(p.length + 1);
    }
  }
  const ifExists = rest.endsWith('IfExists');
  return { prefix, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

function operatorHolds(op: ParsedOperator, keys: unknown, env: PolicyValueEnv): boolean {
  if (!isObject(keys)) return false;
  const def = OPERATORS[op.base];
  return Object.entries(keys).every(([key, raw]) => {
    const policyValues = toStrings(raw);
    if (op.base === 'Null') return nullHolds(key, policyValues, env);
    return def !== undefined && keyHolds(op, def, requestValues(key, env), policyValues, env);
  });
}

function requestValues(key: string, env: PolicyValueEnv): readonly string[] | undefined {
  const value = lookup(env.context, key);
  return typeof value === 'string' ? [value] : value;
}

/** `Null: true` holds when the key is absent, `Null: false` when it is present. */
function nullHolds(key: string, policyValues: readonly string[], env: PolicyValueEnv): boolean {
  const values = requestValues(key, env);
  const present = values !== undefined && values.length > 0;
  return policyValues.some((v) =>
    v.toLowerCase() === 'true' ? !present : v.toLowerCase() === 'false' && present,
  );
}

function keyHolds(
  op: ParsedOperator,
  def: OperatorDef,
  values: readonly string[] | undefined,
  policyValues: readonly string[],
  env: PolicyValueEnv,
): boolean {
  const passes = (v: string): boolean => {
    const anyMatch = policyValues.some((p) => def.test(v, p, env));
    return def.negated ? !anyMatch : anyMatch;
  };
  const missing = values === undefined || values.length === 0;
  if (op.prefix !== undefined) {
    if (missing) return op.ifExists || op.prefix === 'ForAllValues';
    return op.prefix === 'ForAllValues' ? values.every(passes) : values.some(passes);
  }
  if (missing) return op.ifExists || def.negated;
  // A single-valued operator on several request values: positive means "some value matches",
  // negated means "no value matches" (the exact negation).
  return def.negated ? values.every(passes) : values.some(passes);
}

function toStrings(raw: unknown): string[] {
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  return list.flatMap((v) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : [],
  );
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
