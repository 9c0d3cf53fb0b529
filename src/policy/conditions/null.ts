/**
 * `Null`: `"true"` holds when the key is absent from the request (or an empty multi-valued key),
 * `"false"` when it is present. Several values are OR-ed like any other operator's. It tests
 * presence itself, so it has no `IfExists` form and ignores set modifiers.
 */

export interface NullCheck {
  /** A value `true` was listed: holds when the key is absent. */
  readonly whenAbsent: boolean;
  /** A value `false` was listed: holds when the key is present. */
  readonly whenPresent: boolean;
}

export function compileNull(values: readonly string[]): NullCheck {
  const lower = values.map((value) => value.toLowerCase());
  return { whenAbsent: lower.includes('true'), whenPresent: lower.includes('false') };
}

export function testNull(check: NullCheck, present: boolean): boolean {
  return present ? check.whenPresent : check.whenAbsent;
}
