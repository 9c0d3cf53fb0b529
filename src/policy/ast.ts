/**
 * The normalized policy document: every element that AWS lets be "one value or a list" is an
 * array here, numbers and booleans in condition values are their JSON text, and every statement,
 * element and value keeps where it sits in the original text (for diagnostics and for the Simulate
 * APIs' matched-statement positions). Built by `parsePolicy`; read by validate, lint and compile.
 */
import type { Position } from './types.ts';

/** Where a node sits: its first character, the position just after its last, and a JSON pointer. */
export interface Span {
  readonly start: Position;
  readonly end: Position;
  /** RFC 6901 pointer into the document, e.g. `/Statement/0/Action/1`. */
  readonly pointer: string;
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Values of one principal type, as written (`"*"`, account ids, ARNs, service names, ...). */
export interface PrincipalValues {
  readonly type: PrincipalType;
  readonly values: readonly string[];
  readonly span: Span;
}

/**
 * `Principal`/`NotPrincipal`. `wildcard` is the bare `"Principal": "*"` form, which differs from
 * `{"AWS": "*"}` only in validation (trust policies reject the bare form).
 */
export type PrincipalBlock =
  | { readonly wildcard: true; readonly span: Span }
  | { readonly wildcard: false; readonly entries: readonly PrincipalValues[]; readonly span: Span };

export type SetModifier = 'ForAllValues' | 'ForAnyValue';

/** One `operator -> key -> values` triple of a `Condition` block. */
export interface ConditionEntry {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The operator without modifiers, e.g. `StringLike`. */
  readonly baseOperator: string;
  readonly set?: SetModifier;
  readonly ifExists: boolean;
  /** The condition key as written (keys compare case-insensitively). */
  readonly key: string;
  /** JSON strings as they decode; numbers as their JSON text; booleans as `true`/`false`. */
  readonly values: readonly string[];
  /** The JSON type of each value, parallel to `values` (some operators care, e.g. `Bool`). */
  readonly valueTypes: readonly ('string' | 'number' | 'boolean')[];
  /** Whether the values were written as a JSON array (`ForAllValues` on `[]` differs from absent). */
  readonly valuesIsArray: boolean;
  /** Span of the key member (pointer `/Statement/0/Condition/Op/key`). */
  readonly span: Span;
  /** Span of each value, parallel to `values`. */
  readonly valueSpans: readonly Span[];
}

/** A list element (`Action`, `Resource`, ...): values as written plus where each one is. */
export interface ValueList {
  readonly values: readonly string[];
  /** Span of the whole element value (string or array). */
  readonly span: Span;
  readonly valueSpans: readonly Span[];
  /** Whether it was written as a JSON array rather than a single string. */
  readonly isArray: boolean;
}

export type StatementEffect = 'Allow' | 'Deny';

export interface Statement {
  /** 0-based position in the `Statement` list (0 when `Statement` is a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: StatementEffect;
  readonly principal?: PrincipalBlock;
  readonly notPrincipal?: PrincipalBlock;
  readonly action?: ValueList;
  readonly notAction?: ValueList;
  readonly resource?: ValueList;
  readonly notResource?: ValueList;
  /** Empty when the statement has no `Condition`. */
  readonly conditions: readonly ConditionEntry[];
  /** The statement object itself (pointer `/Statement/0`, or `/Statement` for a single object). */
  readonly span: Span;
  /** Span of the `Condition` value when present. */
  readonly conditionSpan?: Span;
  /** Span of the `Sid` value when present. */
  readonly sidSpan?: Span;
}

export interface PolicyDocument {
  /** `2012-10-17`, `2008-10-17`, or absent (behaves as `2008-10-17`: variables are literal). */
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
  /** Whether `Statement` was written as an array (`/Statement/N` pointers) or a single object. */
  readonly statementIsArray: boolean;
  /** The original policy text, verbatim (IAM returns policies as they were sent). */
  readonly text: string;
}
