/** Compiles a corpus/seed policy set for the engine: trust policies go on the resource side, marked by kind. */
import assert from 'node:assert/strict';
import { compilePolicyText, type CompiledPolicy } from '../../../src/policy/index.ts';
import type { PolicyInput, PolicyKind, PolicySet } from '../../../src/policy/types.ts';

function compile(kind: PolicyKind, list: readonly PolicyInput[] | undefined): CompiledPolicy[] | undefined {
  return list?.map((p) => {
    const result = compilePolicyText(p.document, p.id, kind);
    if (!result.ok) assert.fail(`${p.id} does not compile: ${JSON.stringify(result.diagnostics)}`);
    return result.policy;
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Policy texts by kind (the corpus's and the naive evaluator's shape). */
export interface PolicyLists {
  readonly identity: readonly PolicyInput[];
  readonly resource?: readonly PolicyInput[];
  readonly trust?: readonly PolicyInput[];
  readonly boundary?: readonly PolicyInput[];
  readonly session?: readonly PolicyInput[];
  readonly guardrail?: readonly PolicyInput[];
}

export function compileSet(policies: PolicyLists): PolicySet<CompiledPolicy> {
  const set: Mutable<PolicySet<CompiledPolicy>> = { identity: compile('identity', policies.identity) ?? [] };
  if (policies.resource !== undefined || policies.trust !== undefined) {
    set.resource = [...(compile('resource', policies.resource) ?? []), ...(compile('trust', policies.trust) ?? [])];
  }
  for (const kind of ['boundary', 'session', 'guardrail'] as const) {
    const compiled = compile(kind, policies[kind]);
    if (compiled !== undefined) set[kind] = compiled;
  }
  return set;
}
