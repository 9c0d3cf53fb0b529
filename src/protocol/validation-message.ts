/**
 * AWS's (Coral's) validation message format:
 * `2 validation errors detected: Value 'x' at 'userName' failed to satisfy constraint: Member must ...; Value ...`.
 */
export interface Violation {
  /** lowerCamel member path, e.g. `tags.1.member.key`. */
  readonly path: string;
  /** The offending value as shown; `null` for a missing member, `undefined` to hide it (sensitive). */
  readonly shown: string | null | undefined;
  readonly constraint: string;
}

export function formatViolation(v: Violation): string {
  const value = v.shown === null ? 'Value null' : v.shown === undefined ? 'Value' : `Value '${v.shown}'`;
  return `${value} at '${v.path}' failed to satisfy constraint: ${v.constraint}`;
}

export function formatViolations(violations: readonly Violation[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map(formatViolation).join('; ')}`;
}

export const constraintText = {
  notNull: 'Member must not be null',
  maxLength: (n: number) => `Member must have length less than or equal to ${n}`,
  minLength: (n: number) => `Member must have length greater than or equal to ${n}`,
  maxValue: (n: number) => `Member must have value less than or equal to ${n}`,
  minValue: (n: number) => `Member must have value greater than or equal to ${n}`,
  pattern: (p: string) => `Member must satisfy regular expression pattern: ${p}`,
  enumSet: (values: readonly string[]) => `Member must satisfy enum value set: [${values.join(', ')}]`,
  /** A list of scalars reports every element constraint at once, on the list itself. */
  elements: (parts: readonly string[]) => `Member must satisfy constraint: [${parts.join(', ')}]`,
};

/** `UserName` -> `userName`, as AWS names members in these messages. */
export const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** How AWS prints a value inside `Value '...'`: lists as `[a, b]`, structures as `{K=v}`. */
export function showValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(showValue).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).map(([k, v]) => `${k}=${showValue(v)}`);
    return `{${fields.join(', ')}}`;
  }
  return String(value);
}
