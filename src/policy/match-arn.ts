/**
 * ARN patterns (`Resource`, `NotResource`, `ArnLike`/`ArnEquals`): both sides are split into six
 * fields at the first five colons and matched field by field, so a `*` in the account field cannot
 * swallow a colon while one in the resource field (everything after the fifth colon) can cross
 * `/` and `:`. Case-sensitive. The common shape, five literal fields and a pattern for the
 * resource, is matched as one glob over the whole value, which is equivalent and cheaper.
 */
import {
  compileGlob,
  compileGlobParts,
  matchGlob,
  matchGlobRange,
  type Glob,
  type GlobPart,
} from './match-glob.ts';

export interface ArnPattern {
  /** Globs of the first five fields, when one of them has a wildcard. */
  readonly fields: readonly Glob[] | undefined;
  /**
   * With `fields`, the resource field's glob. Without, the glob of the whole pattern: when the first
   * five fields are literal, matching the whole string is the same as matching field by field
   * (and cheaper); a pattern that is not six fields (`*`) is one glob anyway.
   */
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
  if (start === -1) return { fields: undefined, rest: compileGlob(pattern) };
  return compileArnFields(pattern.slice(0, start), [{ text: pattern.slice(start), literal: false }]);
}

/**
 * `head` is the first five fields with their colons (`arn:aws:s3:::`); `resource` the resource
 * field's pieces (some literal when they come from substituted policy variables).
 */
export function compileArnFields(head: string, resource: readonly GlobPart[]): ArnPattern {
  if (!head.includes('*') && !head.includes('?')) {
    return { fields: undefined, rest: compileGlobParts([{ text: head, literal: false }, ...resource]) };
  }
  const fields = head.slice(0, -1).split(':').map(compileGlob);
  return { fields, rest: compileGlobParts(resource) };
}

export function matchArn(p: ArnPattern, value: string): boolean {
  if (p.fields === undefined) return matchGlob(p.rest, value);
  let from = 0;
  for (const field of p.fields) {
    const colon = value.indexOf(':', from);
    if (colon === -1 || !matchGlobRange(field, value, from, colon)) return false;
    from = colon + 1;
  }
  return matchGlobRange(p.rest, value, from, value.length);
}
