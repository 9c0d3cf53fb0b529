/** `Principal` / `NotPrincipal`: the bare `"*"` or a map of principal type to value(s). */
import { PRINCIPAL_TYPES, type PrincipalBlock, type PrincipalType, type PrincipalValues } from './ast.ts';
import type { JsonNode } from './json-reader.ts';
import type { Diagnostic } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';
import { stringList } from './parse-values.ts';

export interface ParsedPrincipal {
  readonly block?: PrincipalBlock;
  readonly diagnostics: Diagnostic[];
}

const isPrincipalType = (key: string): key is PrincipalType =>
  (PRINCIPAL_TYPES as readonly string[]).includes(key);

export function parsePrincipal(element: string, node: JsonNode): ParsedPrincipal {
  if (node.kind === 'string') {
    if (node.value === '*') return { block: { wildcard: true, span: node.span }, diagnostics: [] };
    const detail = `${element} must be "*" or an object such as {"AWS": "123456789012"}`;
    return { diagnostics: [errorAt('invalid-principal', AWS_MESSAGES.syntax, node.span, detail)] };
  }
  if (node.kind !== 'object' || node.members.length === 0) {
    const detail = `${element} must be "*" or a non-empty object of principal types`;
    return { diagnostics: [errorAt('invalid-principal', AWS_MESSAGES.syntax, node.span, detail)] };
  }
  const diagnostics: Diagnostic[] = [];
  const entries: PrincipalValues[] = [];
  for (const member of node.members) {
    if (!isPrincipalType(member.key)) {
      const detail = `unknown principal type ${JSON.stringify(member.key)}; expected one of ${PRINCIPAL_TYPES.join(', ')}`;
      diagnostics.push(errorAt('invalid-principal', AWS_MESSAGES.syntax, member.keySpan, detail));
      continue;
    }
    const list = stringList(member.value, `${element}.${member.key}`, diagnostics);
    if (list?.values.length === 0) {
      const detail = `${element}.${member.key} names no principal`;
      diagnostics.push(errorAt('invalid-principal', AWS_MESSAGES.syntax, list.span, detail));
    } else if (list !== undefined) {
      entries.push({ type: member.key, values: list.values, span: list.span });
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { block: { wildcard: false, entries, span: node.span }, diagnostics };
}
