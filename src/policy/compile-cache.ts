/**
 * A bounded cache of compiled policies for callers that evaluate the same policies again and again
 * (the server's authorizer): policy text is compiled once per (kind, id, text), and the merged form
 * of a set of compiled policies is built once per set. Least recently used entries go first. One
 * instance per owner (no module state): the composition root makes it.
 */
import type { CompiledPolicy, CompileResult } from './compile.ts';
import { compilePolicyText } from './compile.ts';
import { mergePolicies } from './compile-merge.ts';
import type { PolicyKind } from './types.ts';

export interface PolicyCacheOptions {
  /** Compiled documents kept (default 4096). */
  readonly maxPolicies?: number;
  /** Merged sets kept (default 1024). */
  readonly maxSets?: number;
}

export class PolicyCache {
  private readonly compiled = new Map<string, CompileResult>();
  private readonly merged = new Map<string, CompiledPolicy>();
  private readonly serials = new WeakMap<CompiledPolicy, number>();
  private nextSerial = 1;
  private readonly maxPolicies: number;
  private readonly maxSets: number;

  constructor(options: PolicyCacheOptions = {}) {
    this.maxPolicies = options.maxPolicies ?? 4096;
    this.maxSets = options.maxSets ?? 1024;
  }

  /** `compilePolicyText`, remembered. The id is part of the key: it names matched statements. */
  compile(text: string, id: string, kind: PolicyKind): CompileResult {
    const key = `${kind}\u0000${id}\u0000${text}`;
    const hit = this.compiled.get(key);
    if (hit !== undefined) return touch(this.compiled, key, hit);
    const result = compilePolicyText(text, id, kind);
    return remember(this.compiled, key, result, this.maxPolicies);
  }

  /** `mergePolicies`, remembered per list of compiled policies (same objects, same order). */
  merge(policies: readonly CompiledPolicy[]): CompiledPolicy {
    if (policies.length === 1 && policies[0] !== undefined) return policies[0];
    const key = policies.map((p) => this.serialOf(p)).join(',');
    const hit = this.merged.get(key);
    if (hit !== undefined) return touch(this.merged, key, hit);
    return remember(this.merged, key, mergePolicies(policies), this.maxSets);
  }

  get size(): { readonly policies: number; readonly sets: number } {
    return { policies: this.compiled.size, sets: this.merged.size };
  }

  private serialOf(policy: CompiledPolicy): number {
    let serial = this.serials.get(policy);
    if (serial === undefined) {
      serial = this.nextSerial++;
      this.serials.set(policy, serial);
    }
    return serial;
  }
}

/** Moves an entry to the young end (Map iteration order is insertion order). */
function touch<V>(map: Map<string, V>, key: string, value: V): V {
  map.delete(key);
  map.set(key, value);
  return value;
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): V {
  map.set(key, value);
  if (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
  return value;
}
