/**
 * Policy variables for the reference evaluator, straight from the User Guide ("IAM policy
 * elements: Variables and tags"): `${key}` is replaced by the request's single value for key
 * (names case-insensitive), `${key, 'default'}` falls back to the default, `${*}` `${?}` `${$}`
 * are literal characters, and only `Version: 2012-10-17` substitutes at all (older or absent
 * versions read `${...}` as plain text). Substituted text is always literal, never a wildcard.
 */
import { literalTokens, wildcardTokens, type Token } from './naive-glob.ts';

export type Context = Readonly<Record<string, string | readonly string[]>>;

export const VARIABLE_VERSION = '2012-10-17';

/** A context key's value, looked up case-insensitively; undefined when absent. */
export function lookup(context: Context, key: string): string | readonly string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * Tokens of `text` after substitution, or `undefined` when a variable has no value and no default
 * (AWS: the value is then "effectively null" and matches nothing).
 */
export function substitute(
  text: string,
  context: Context,
  version: unknown,
  wildcards: boolean,
): Token[] | undefined {
  const plain = (s: string): Token[] => (wildcards ? wildcardTokens(s) : literalTokens(s));
  if (version !== VARIABLE_VERSION) return plain(text);
  const out: Token[] = [];
  let rest = text;
  for (;;) {
    const start = rest.indexOf('${');
    const end = start < 0 ? -1 : rest.indexOf('}', start + 2);
    if (start < 0 || end < 0) return [...out, ...plain(rest)];
    out.push(...plain(rest.slice(0, start)));
    const value = resolve(rest.slice(start + 2, end), context);
    if (value === undefined) return undefined;
    out.push(...literalTokens(value));
    rest = rest.slice(end + 1);
  }
}

function resolve(body: string, context: Context): string | undefined {
  if (body === '*' || body === '?' || body === '$') return body;
  const withDefault = /^(.+?), '(.*)'$/s.exec(body);
  const name = withDefault ? (withDefault[1] ?? '') : body;
  const value = lookup(context, name);
  // Multi-valued keys cannot be variables; they count as absent.
  if (typeof value === 'string') return value;
  return withDefault ? withDefault[2] : undefined;
}
