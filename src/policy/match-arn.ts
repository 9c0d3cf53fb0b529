/**
 * ARN patterns (`Resource`, `NotResource`, `ArnLike`/`ArnEquals`): both sides are split into six
 * fields at the first five colons and matched field by field, so a `*` in the account field cannot
 * swallow a colon while one in the resource field (everything after the fifth colon) can cross
 * `/` and `:`. Case-sensitive. The common shape, five literal fields and a pattern for the
 * resource, is a `startsWith` plus one glob on the rest of the value.
 */
import { compileGlob, compileGlobParts, matchGlobRange, type Glob, type GlobPart } from './match-glob.ts';

export interface ArnPattern {
  /** Literal `arn:partition:service:region:account:` when the first five fields have no wildcard. */
  readonly prefix: string | undefined;
  /** Globs of the first five fields when `prefix` is undefined and the pattern has six fields. */
  readonly fields: readonly Glob[] | undefined;
  /** The resource field's glob, or the whole pattern's when it is not six fields (e.g. `*`). */
  readonly rest: Glob;
}

/** Index of the character after the fifth colon, or -1 when `s` has fewer than five colons. */
export function resourceStart(s: string): number {
  let at = -1;
  for (let n = 0; n < 5; n++) {
    at = s.indexOf(':', at + 1);
    if (at === -1) return -1;
  }
  return at + 1;
}

export function compileArnPattern(pattern: string): ArnPattern {
  const start = resourceStart(pattern);
  if (start === -1) return { prefix: undefined, fields: undefined, rest: compileGlob(pattern) };
  return compileArnFields(pattern.slice(0, start), [{ text: pattern.slice(start), literal: false }]);
}

/**
 * `head` is the first five fields with their colons (`arn:aws:s3:::`); `resource` the resource
 * field's pieces (some literal when they come from substituted policy variables).
 */
export function compileArnFields(head: string, resource: readonly GlobPart[]): ArnPattern {
  const rest = compileGlobParts(resource);
  if (!head.includes('*') && !head.includes('?')) return { prefix: head, fields: undefined, rest };
  const fields = head.slice(0, -1).split(':').map(compileGlob);
  return { prefix: undefined, fields, rest };
}

export function matchArn(p: ArnPattern, value: string): boolean {
  if (p.prefix !== undefined) {
    return value.startsWith(p.prefix) && matchGlobRange(p.rest, value, p.prefix.length, value.length);
  }
  if (p.fields === undefined) return matchGlobRange(p.rest, value, 0, value.length);
  let from = 0;
  for (const field of p.fields) {
    const colon = value.indexOf(':', from);
    if (colon === -1 || !matchGlobRange(field, value, from, colon)) return false;
    from = colon + 1;
  }
  return matchGlobRange(p.rest, value, from, value.length);
}
