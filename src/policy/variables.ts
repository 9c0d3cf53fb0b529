/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`) and the escapes
 * `${*}`, `${?}`, `${$}` in `Resource` and in String/ARN condition values. Only `Version:
 * 2012-10-17` documents substitute; older or version-less ones keep `${...}` as literal text, as
 * AWS does. A template is parsed once at compile time; resolving it against a request yields
 * pieces where substituted text is literal, so a `*` inside a user's name never becomes a wildcard.
 */
import type { GlobPart } from './match-glob.ts';
import type { ContextValue } from './types.ts';

/** Version whose documents substitute variables. */
export const VARIABLES_VERSION = '2012-10-17';

/** Case-insensitive context lookup; records keys that are referenced but absent. */
export interface ContextLookup {
  get(key: string, keyLower: string): ContextValue | undefined;
}

export interface Variable {
  readonly key: string;
  readonly keyLower: string;
  readonly fallback: string | undefined;
}

/** Plain text (its `*`/`?` are wildcards where the operator has them), a literal, or a variable. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly variable: Variable };

export interface Template {
  readonly parts: readonly TemplatePart[];
  /** Whether any part needs the request (otherwise resolve once at compile time). */
  readonly dynamic: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/** `key` or `key, 'default'` (the default in single quotes; spaces around the comma allowed). */
const VARIABLE_BODY = /^\s*([^,'\s][^,']*?)\s*(?:,\s*'([^']*)'\s*)?$/;

/** `undefined` when the text has no `${`: nothing to substitute. */
export function parseTemplate(text: string): Template | undefined {
  if (!text.includes('${')) return undefined;
  const parts: TemplatePart[] = [];
  let dynamic = false;
  let from = 0;
  for (let open = text.indexOf('${'); open !== -1; open = text.indexOf('${', from)) {
    const close = text.indexOf('}', open + 2);
    if (close === -1) break;
    const part = parseBody(text.slice(open + 2, close));
    if (part === undefined) {
      // Not a variable (e.g. `${}`): keep the `${` as text and look for the next one after it.
      pushText(parts, text.slice(from, open + 2));
      from = open + 2;
      continue;
    }
    pushText(parts, text.slice(from, open));
    parts.push(part);
    dynamic ||= part.kind === 'variable';
    from = close + 1;
  }
  pushText(parts, text.slice(from));
  return { parts, dynamic };
}

function parseBody(body: string): TemplatePart | undefined {
  const escaped = ESCAPES[body];
  if (escaped !== undefined) return { kind: 'literal', text: escaped };
  const match = VARIABLE_BODY.exec(body);
  const key = match?.[1];
  if (key === undefined) return undefined;
  return { kind: 'variable', variable: { key, keyLower: key.toLowerCase(), fallback: match?.[2] } };
}

function pushText(parts: TemplatePart[], text: string): void {
  if (text !== '') parts.push({ kind: 'text', text });
}

/** A variable's value: a single-valued key, else its default; `undefined` when unresolvable. */
export function resolveVariable(variable: Variable, context: ContextLookup): string | undefined {
  const value = context.get(variable.key, variable.keyLower);
  // Multi-valued keys cannot be variables (IAM User Guide); an array therefore does not resolve.
  if (typeof value === 'string') return value;
  return value === undefined ? variable.fallback : undefined;
}

/** Pieces for a glob, substituted text literal; `undefined` if a variable does not resolve. */
export function resolveParts(template: Template, context: ContextLookup): GlobPart[] | undefined {
  const out: GlobPart[] = [];
  for (const part of template.parts) {
    if (part.kind !== 'variable') {
      out.push({ text: part.text, literal: part.kind === 'literal' });
      continue;
    }
    const value = resolveVariable(part.variable, context);
    if (value === undefined) return undefined;
    out.push({ text: value, literal: true });
  }
  return out;
}

/** The substituted string (for operators without wildcards); `undefined` if unresolvable. */
export function resolveText(template: Template, context: ContextLookup): string | undefined {
  const parts = resolveParts(template, context);
  return parts?.map((part) => part.text).join('');
}

/** Pieces of a template that needs no request (only text and escapes). */
export function staticParts(template: Template): GlobPart[] {
  return template.parts.map((part) => ({
    text: part.kind === 'variable' ? '' : part.text,
    literal: part.kind === 'literal',
  }));
}
