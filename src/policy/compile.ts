/**
 * `compilePolicy`: a parsed document into the form `evaluate` runs on. The caller compiles once
 * and caches (per policy version); evaluation then does no parsing. `compilePolicyText` parses
 * first and reports the parser's diagnostics instead of a policy when the text has errors.
 */
import type { PolicyDocument } from './ast.ts';
import { buildIndex, type StatementIndex } from './compile-index.ts';
import { compileStatement, type CompiledStatement } from './compile-statement.ts';
import { parsePolicy } from './parse.ts';
import type { Diagnostic, PolicyKind } from './types.ts';

export interface CompiledPolicy {
  readonly id: string;
  readonly kind: PolicyKind;
  readonly version: string | undefined;
  readonly statements: readonly CompiledStatement[];
  readonly allow: StatementIndex;
  readonly deny: StatementIndex;
}

export function compilePolicy(document: PolicyDocument, id: string, kind: PolicyKind): CompiledPolicy {
  const ctx = { policy: id, kind, version: document.version };
  const statements = document.statements.map((s) => compileStatement(s, ctx));
  return {
    id,
    kind,
    version: document.version,
    statements,
    allow: buildIndex(statements.filter((s) => !s.deny)),
    deny: buildIndex(statements.filter((s) => s.deny)),
  };
}

export type CompileResult =
  | { readonly ok: true; readonly policy: CompiledPolicy }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Parses and compiles; never throws. Validation by kind is the caller's (`validatePolicy`). */
export function compilePolicyText(text: string, id: string, kind: PolicyKind): CompileResult {
  const parsed = parsePolicy(text, kind);
  if (parsed.document === undefined) return { ok: false, diagnostics: parsed.diagnostics };
  return { ok: true, policy: compilePolicy(parsed.document, id, kind) };
}
