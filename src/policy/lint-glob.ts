/**
 * Wildcard matching for lint, where the subject may itself be a pattern: `covers(p, s)` is true
 * when every string `s` stands for matches `p`. A `*` or `?` in the subject is then only matched by
 * a `*` of the pattern. Two-pointer matching with one backtrack point: O(n*m) at worst, no regex,
 * so hostile patterns (`*a*a*a*...`) cannot blow up.
 */

const STAR = 42; // '*'
const QUESTION = 63; // '?'

export function globCovers(pattern: string, subject: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const s = ignoreCase ? subject.toLowerCase() : subject;
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const pc = p.charCodeAt(pi);
    const sc = s.charCodeAt(si);
    if (pi < p.length && pc === STAR) {
      starP = pi++;
      starS = si;
    } else if (pi < p.length && (pc === sc || (pc === QUESTION && sc !== STAR && sc !== QUESTION))) {
      pi++;
      si++;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pi < p.length && p.charCodeAt(pi) === STAR) pi++;
  return pi === p.length;
}

/** Whether a pattern (with `*`/`?`) matches a plain name. */
export function globMatches(pattern: string, name: string, ignoreCase: boolean): boolean {
  return globCovers(pattern, name, ignoreCase);
}
