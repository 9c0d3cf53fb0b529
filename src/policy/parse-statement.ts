/** One statement object into a `Statement`, with the grammar checks that hold for every kind. */
import type { PrincipalBlock, Span, Statement, StatementEffect, ValueList } from './ast.ts';
import type { JsonMember, JsonNode } from './json-reader.ts';
import type { Diagnostic } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';
import { parseConditionBlock } from './parse-condition.ts';
import { parsePrincipal } from './parse-principal.ts';
import { stringList } from './parse-values.ts';

const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

const EXCLUSIVE_PAIRS = [
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
  ['Principal', 'NotPrincipal'],
] as const;

/** Mutable while being built; handed out as the readonly `Statement`. */
type Draft = { -readonly [K in keyof Statement]: Statement[K] };

export function parseStatement(
  node: JsonNode,
  index: number,
  diagnostics: Diagnostic[],
): Statement | undefined {
  if (node.kind !== 'object') {
    diagnostics.push(
      errorAt('invalid-type', AWS_MESSAGES.syntax, node.span, 'a statement must be an object'),
    );
    return undefined;
  }
  const before = diagnostics.length;
  const byName = new Map(node.members.map((m) => [m.key, m]));
  checkElementNames(node.members, byName, diagnostics);
  const effect = parseEffect(byName.get('Effect'), node.span, diagnostics);
  const draft: Draft = { index, effect: effect ?? 'Deny', conditions: [], span: node.span };
  const sid = byName.get('Sid');
  if (sid !== undefined) {
    if (sid.value.kind === 'string') {
      draft.sid = sid.value.value;
      draft.sidSpan = sid.value.span;
    } else {
      diagnostics.push(errorAt('invalid-type', AWS_MESSAGES.syntax, sid.value.span, 'Sid must be a string'));
    }
  }
  assignLists(draft, byName, diagnostics);
  assignPrincipal(draft, 'principal', byName.get('Principal'), diagnostics);
  assignPrincipal(draft, 'notPrincipal', byName.get('NotPrincipal'), diagnostics);
  const condition = byName.get('Condition');
  if (condition !== undefined) {
    const parsed = parseConditionBlock(condition.value);
    diagnostics.push(...parsed.diagnostics);
    draft.conditions = parsed.entries;
    draft.conditionSpan = condition.value.span;
  }
  return diagnostics.length === before ? draft : undefined;
}

function checkElementNames(
  members: readonly JsonMember[],
  byName: Map<string, JsonMember>,
  out: Diagnostic[],
): void {
  for (const member of members) {
    if (!STATEMENT_ELEMENTS.has(member.key)) {
      out.push(
        errorAt('unknown-element', AWS_MESSAGES.syntax, member.keySpan, `unknown element ${member.key}`),
      );
    }
  }
  for (const [a, b] of EXCLUSIVE_PAIRS) {
    const second = byName.get(b);
    if (byName.has(a) && second !== undefined) {
      out.push(
        errorAt('conflicting-elements', AWS_MESSAGES.syntax, second.keySpan, `${a} and ${b} together`),
      );
    }
  }
}

function parseEffect(
  member: JsonMember | undefined,
  statement: Span,
  out: Diagnostic[],
): StatementEffect | undefined {
  if (member === undefined) {
    out.push(errorAt('missing-effect', AWS_MESSAGES.missingEffect, statement));
    return undefined;
  }
  const node = member.value;
  if (node.kind === 'string' && (node.value === 'Allow' || node.value === 'Deny')) return node.value;
  const detail = 'Effect must be "Allow" or "Deny"';
  // IAM's first pass compares case-insensitively, its legacy parser exactly: `allow` fails the latter.
  const caseOnly = node.kind === 'string' && ['allow', 'deny'].includes(node.value.toLowerCase());
  const message = caseOnly ? AWS_MESSAGES.legacyParsing : AWS_MESSAGES.syntax;
  out.push(errorAt('invalid-effect', message, node.span, detail));
  return undefined;
}

const LIST_ELEMENTS = [
  ['Action', 'action'],
  ['NotAction', 'notAction'],
  ['Resource', 'resource'],
  ['NotResource', 'notResource'],
] as const;

function assignLists(draft: Draft, byName: Map<string, JsonMember>, out: Diagnostic[]): void {
  for (const [element, field] of LIST_ELEMENTS) {
    const member = byName.get(element);
    if (member === undefined) continue;
    const list: ValueList | undefined = stringList(member.value, element, out);
    if (list !== undefined) draft[field] = list;
  }
}

function assignPrincipal(
  draft: Draft,
  field: 'principal' | 'notPrincipal',
  member: JsonMember | undefined,
  out: Diagnostic[],
): void {
  if (member === undefined) return;
  const parsed = parsePrincipal(member.key, member.value);
  out.push(...parsed.diagnostics);
  const block: PrincipalBlock | undefined = parsed.block;
  if (block !== undefined) draft[field] = block;
}
