/**
 * The shape every condition operator family implements. An operator is the POSITIVE test
 * (`StringEquals`, `IpAddress`, ...); the negated names (`StringNotEquals`, `NotIpAddress`, ...) and
 * the modifiers (`...IfExists`, `ForAllValues:`, `ForAnyValue:`) are applied around it by
 * `evaluate.ts`, never implemented twice.
 */
import type { GlobPart } from '../match-glob.ts';

/** The JSON type a policy value was written with (`Bool` accepts `true` and `"true"`). */
export type ValueType = 'string' | 'number' | 'boolean';

export interface Operator<P, R> {
  /** The positive operator's AWS name, e.g. `StringLike`. */
  readonly name: string;
  /** Whether policy values may contain policy variables (String and ARN operators only). */
  readonly variables: boolean;
  /**
   * Slot for caching parsed request values (IPs, dates, ...) during one evaluation, or -1 when the
   * operator compares the raw request string.
   */
  readonly slot: number;
  /** A policy value ready for comparison; `undefined` when it can never match (unparseable). */
  readonly preparePolicy: (value: string, type: ValueType) => P | undefined;
  /**
   * For operators with wildcards: a policy value made of pieces, some literal (substituted
   * variables, `${*}` escapes). Operators without wildcards receive the joined text instead.
   */
  readonly preparePattern?: (parts: readonly GlobPart[]) => P | undefined;
  /** The request value ready for comparison; `undefined` when it can never match. */
  readonly prepareRequest: (value: string) => R | undefined;
  readonly test: (policy: P, request: R) => boolean;
}

export type AnyOperator = Operator<unknown, unknown>;

/** Erases an operator's value types for the registry (each operator only sees its own values). */
export function defineOperator<P, R>(operator: Operator<P, R>): AnyOperator {
  return operator as unknown as AnyOperator;
}

/** Memo slots, one per family that parses request values. */
export const SLOT = { lowercase: 0, number: 1, date: 2, ip: 3, binary: 4, bool: 5 } as const;
export const SLOT_COUNT = 6;

export function identity(value: string): string {
  return value;
}
