/**
 * Policy text -> `PolicyDocument`, with every grammar error that holds whatever the policy kind
 * (JSON syntax, duplicate keys, unknown elements, wrong value types, Effect, condition operators).
 * Kind-specific rules (principals, required resources, trust rules, sizes) live in validate.ts.
 * Never throws: every problem is a diagnostic, and `document` is present only without errors.
 */
import type { PolicyDocument, Statement } from './ast.ts';
import { readJson, type JsonMember, type JsonNode, type JsonObject } from './json-reader.ts';
import { parseStatement } from './parse-statement.ts';
import type { Diagnostic, PolicyKind } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

export interface ParseResult {
  readonly document?: PolicyDocument;
  readonly diagnostics: Diagnostic[];
}

export const POLICY_VERSIONS: readonly string[] = ['2012-10-17', '2008-10-17'];

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement']);

/** `kind` is accepted for symmetry with `validatePolicy`; the grammar checked here is the same for all kinds. */
export function parsePolicy(text: string, _kind?: PolicyKind): ParseResult {
  try {
    return parseText(text);
  } catch (caught) {
    // Defensive only: the reader and builders do not throw, but the contract is "never throws".
    const detail = caught instanceof Error ? caught.message : 'unreadable input';
    return { diagnostics: [errorAt('syntax', AWS_MESSAGES.syntax, undefined, detail)] };
  }
}

function parseText(text: string): ParseResult {
  if (typeof text !== 'string') {
    return { diagnostics: [errorAt('syntax', AWS_MESSAGES.syntax, undefined, 'the policy must be text')] };
  }
  const read = readJson(text);
  const diagnostics: Diagnostic[] = read.duplicateKeys.map((member) =>
    errorAt(
      'duplicate-key',
      AWS_MESSAGES.syntax,
      member.keySpan,
      `duplicate key ${JSON.stringify(member.key)}`,
    ),
  );
  if (read.root === undefined) {
    const error = read.error;
    const detail = error === undefined ? 'invalid JSON' : `invalid JSON: ${error.message}`;
    const span = error && { start: error.position, end: error.position, pointer: error.pointer };
    return { diagnostics: [errorAt('syntax', AWS_MESSAGES.syntax, span, detail), ...diagnostics] };
  }
  if (read.root.kind !== 'object') {
    diagnostics.push(
      errorAt('invalid-type', AWS_MESSAGES.syntax, read.root.span, 'a policy must be a JSON object'),
    );
    return { diagnostics };
  }
  const document = buildDocument(read.root, text, diagnostics);
  if (diagnostics.length === 0 && document !== undefined) return { document, diagnostics };
  return { diagnostics: diagnostics.sort((a, b) => (a.position?.offset ?? 0) - (b.position?.offset ?? 0)) };
}

function buildDocument(root: JsonObject, text: string, out: Diagnostic[]): PolicyDocument | undefined {
  const byName = new Map(root.members.map((m) => [m.key, m]));
  for (const member of root.members) {
    if (!TOP_ELEMENTS.has(member.key)) {
      out.push(
        errorAt('unknown-element', AWS_MESSAGES.syntax, member.keySpan, `unknown element ${member.key}`),
      );
    }
  }
  const version = optionalString(byName.get('Version'), out);
  if (version !== undefined && !POLICY_VERSIONS.includes(version)) {
    const span = byName.get('Version')?.value.span;
    out.push(
      errorAt(
        'invalid-version',
        AWS_MESSAGES.syntax,
        span,
        `Version must be ${POLICY_VERSIONS.join(' or ')}`,
      ),
    );
  }
  const id = optionalString(byName.get('Id'), out);
  const statementMember = byName.get('Statement');
  if (statementMember === undefined) {
    out.push(errorAt('missing-statement', AWS_MESSAGES.syntax, root.span, 'the policy has no Statement'));
    return undefined;
  }
  const statements = buildStatements(statementMember.value, out);
  if (statements === undefined) return undefined;
  return {
    ...(version === undefined ? {} : { version }),
    ...(id === undefined ? {} : { id }),
    statements,
    statementIsArray: statementMember.value.kind === 'array',
    text,
  };
}

function optionalString(member: JsonMember | undefined, out: Diagnostic[]): string | undefined {
  if (member === undefined) return undefined;
  if (member.value.kind === 'string') return member.value.value;
  out.push(errorAt('invalid-type', AWS_MESSAGES.syntax, member.value.span, `${member.key} must be a string`));
  return undefined;
}

function buildStatements(node: JsonNode, out: Diagnostic[]): Statement[] | undefined {
  if (node.kind === 'object') {
    const statement = parseStatement(node, 0, out);
    return statement && [statement];
  }
  if (node.kind !== 'array' || node.items.length === 0) {
    const detail = 'Statement must be an object or a non-empty array of objects';
    out.push(
      errorAt(
        node.kind === 'array' ? 'empty-statement' : 'invalid-type',
        AWS_MESSAGES.syntax,
        node.span,
        detail,
      ),
    );
    return undefined;
  }
  const statements: Statement[] = [];
  node.items.forEach((item, index) => {
    const statement = parseStatement(item, index, out);
    if (statement !== undefined) statements.push(statement);
  });
  return statements;
}
