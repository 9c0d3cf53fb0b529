/**
 * Deliberately naive pattern matching for the reference evaluator: a pattern is a list of tokens
 * (literal text, `*`, `?`) and matching is plain recursion. Slow on purpose; obviously correct is
 * the only goal, so it can judge the compiled engine.
 */

export type Token = { readonly lit: string } | '*' | '?';

/** Turn policy text into tokens where `*` and `?` are wildcards. */
export function wildcardTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const ch of text) tokens.push(ch === '*' || ch === '?' ? ch : { lit: ch });
  return tokens;
}

/** Every character literal (for StringEquals-like operators, where `*` is just a star). */
export function literalTokens(text: string): Token[] {
  return [...text].map((ch) => ({ lit: ch }));
}

/** The tokens as one string, for exact comparisons (wildcards kept as their characters). */
export function tokensText(tokens: readonly Token[]): string {
  return tokens.map((t) => (typeof t === 'string' ? t : t.lit)).join('');
}

export function globMatch(tokens: readonly Token[], value: string, ignoreCase: boolean): boolean {
  const chars = [...(ignoreCase ? value.toLowerCase() : value)];
  const norm = tokens.map((t) => (typeof t === 'string' || !ignoreCase ? t : { lit: t.lit.toLowerCase() }));
  return matchFrom(norm, 0, chars, 0);
}

function matchFrom(tokens: readonly Token[], ti: number, chars: readonly string[], ci: number): boolean {
  if (ti === tokens.length) return ci === chars.length;
  const token = tokens[ti];
  if (token === '*') {
    for (let k = ci; k <= chars.length; k++) if (matchFrom(tokens, ti + 1, chars, k)) return true;
    return false;
  }
  if (ci === chars.length) return false;
  if (token === '?') return matchFrom(tokens, ti + 1, chars, ci + 1);
  return token !== undefined && token.lit === chars[ci] && matchFrom(tokens, ti + 1, chars, ci + 1);
}

/** Split tokens into the six ARN fields at the first five literal colons (the last field keeps its colons). */
export function splitArnTokens(tokens: readonly Token[]): Token[][] {
  const fields: Token[][] = [[]];
  for (const t of tokens) {
    if (typeof t !== 'string' && t.lit === ':' && fields.length < 6) fields.push([]);
    else fields[fields.length - 1]?.push(t);
  }
  return fields;
}

export function splitArn(value: string): string[] {
  const parts = value.split(':');
  if (parts.length < 6) return parts;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * ARN matching as the User Guide describes it for Resource and the Arn* operators: both sides are
 * split into six colon-delimited fields, compared one by one, case-sensitively, each field a glob.
 * Anything that is not a six-field ARN falls back to a whole-string glob.
 */
export function arnMatch(tokens: readonly Token[], value: string): boolean {
  const patternFields = splitArnTokens(tokens);
  const valueFields = splitArn(value);
  if (patternFields.length !== 6 || valueFields.length !== 6) return globMatch(tokens, value, false);
  return patternFields.every((field, i) => globMatch(field, valueFields[i] ?? '', false));
}
