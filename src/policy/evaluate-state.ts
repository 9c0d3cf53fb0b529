/**
 * Everything one evaluation derives from the request, computed once (the lowercased action) or lazily (the case-insensitive view of the context, parsed IPs and dates), so
 * that matching thousands of statements does no repeated work and allocates almost nothing.
 */
import { SLOT_COUNT } from './conditions/operator.ts';
import type { ContextLookup } from './variables.ts';
import type { CompiledStatement } from './compile-statement.ts';
import type { ContextValue, EvaluationRequest, MatchedStatement, RequestPrincipal } from './types.ts';

/** Request values parsed by an operator family, kept per family (one entry: the last value). */
export const MEMO_SLOTS = SLOT_COUNT;

export class EvalState implements ContextLookup {
  readonly principal: RequestPrincipal;
  /** `service:action`, lowercased (actions match case-insensitively). */
  readonly action: string;
  readonly resource: string;
  /** Whether the caller has a permissions boundary (NotPrincipal-with-Deny quirk). */
  readonly hasBoundary: boolean;
  /** Evaluate every condition and collect every match (Simulate) instead of stopping early. */
  readonly explain: boolean;
  private readonly context: Readonly<Record<string, ContextValue>>;
  private lowered: Map<string, ContextValue> | undefined;
  /** The first statement that applied in the latest scan. */
  hit: CompiledStatement | undefined;
  /** Explain mode: every statement that applied, in scan order. */
  hits: MatchedStatement[] | undefined;
  /** Referenced context keys the request did not carry, in first-seen order. */
  missing: string[] | undefined;
  /** Per memo slot: the last request value at 2*slot, its parsed form at 2*slot+1. */
  private memoEntries: unknown[] | undefined;

  constructor(request: EvaluationRequest, hasBoundary: boolean, explain: boolean) {
    this.principal = request.principal;
    this.action = request.action.toLowerCase();
    this.resource = request.resource;
    this.context = request.context;
    this.hasBoundary = hasBoundary;
    this.explain = explain;
  }

  /** A context value by key, case-insensitively; records the key when absent. */
  get(key: string, keyLower: string): ContextValue | undefined {
    // Fast path: policies and requests usually spell keys the same way. Prototype members are
    // neither strings nor arrays, so an odd key name cannot pick them up.
    const direct = this.context[key];
    if (typeof direct === 'string' || (direct !== undefined && Array.isArray(direct))) return direct;
    const value = this.lowerContext().get(keyLower);
    if (value === undefined) this.recordMissing(key);
    return value;
  }

  private lowerContext(): Map<string, ContextValue> {
    if (this.lowered !== undefined) return this.lowered;
    const lowered = new Map<string, ContextValue>();
    for (const key of Object.keys(this.context)) {
      const value = this.context[key];
      const lower = key.toLowerCase();
      if (value !== undefined && !lowered.has(lower)) lowered.set(lower, value);
    }
    this.lowered = lowered;
    return lowered;
  }

  private recordMissing(key: string): void {
    const missing = (this.missing ??= []);
    const lower = key.toLowerCase();
    if (!missing.some((seen) => seen.toLowerCase() === lower)) missing.push(key);
  }

  /** The parsed form of a request value for one operator family, parsed at most once in a row. */
  memo<T>(slot: number, value: string, parse: (value: string) => T): T {
    const entries = (this.memoEntries ??= new Array<unknown>(2 * MEMO_SLOTS));
    if (entries[2 * slot] === value) return entries[2 * slot + 1] as T;
    const parsed = parse(value);
    entries[2 * slot] = value;
    entries[2 * slot + 1] = parsed;
    return parsed;
  }
}
