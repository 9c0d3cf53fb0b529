/**
 * Lint: findings that do not make a policy invalid but are almost always mistakes, in the spirit of
 * IAM Access Analyzer's policy checks. Separate from validation so the API's write path stays fast;
 * the catalog-based checks run only when a catalog is given.
 */
import type { PolicyDocument, Statement } from './ast.ts';
import type { PolicyCatalog } from './catalog.ts';
import { lintActions, lintConditionKeys } from './lint-catalog.ts';
import { lintConditionTypes } from './lint-condition-types.ts';
import { lintDuplicateValues, lintRedundantStatements } from './lint-redundant.ts';
import { lintConditionValues } from './lint-values.ts';
import type { Diagnostic, PolicyKind } from './types.ts';
import { validatePolicy, type ValidateOptions, type ValidationResult } from './validate.ts';
import { warningAt } from './validate-messages.ts';

/** `kind` enables the kind-specific findings (e.g. a role anyone may assume). */
export function lintPolicy(
  document: PolicyDocument,
  catalog?: PolicyCatalog,
  kind?: PolicyKind,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  lintVersion(document, out);
  for (const statement of document.statements) {
    lintAllowNotAction(statement, out);
    if (kind === 'trust' || kind === 'resource') lintOpenPrincipal(statement, kind, out);
    lintDuplicateValues(statement, out);
    lintConditionValues(statement, out);
    if (catalog !== undefined) {
      lintActions(statement, catalog, out);
      lintConditionKeys(statement, catalog, out);
      lintConditionTypes(statement, catalog, out);
    }
  }
  lintRedundantStatements(document.statements, out);
  return out.sort((a, b) => (a.position?.offset ?? 0) - (b.position?.offset ?? 0));
}

/** Validation plus lint in one call (for the console and `warden policy check`, not the API path). */
export function checkPolicy(
  text: string,
  kind: PolicyKind,
  catalog?: PolicyCatalog,
  options: ValidateOptions = {},
): ValidationResult {
  const result = validatePolicy(text, kind, options);
  if (result.document === undefined) return result;
  return { ...result, warnings: lintPolicy(result.document, catalog, kind) };
}

function lintVersion(document: PolicyDocument, out: Diagnostic[]): void {
  if (document.version === '2012-10-17') return;
  const message =
    document.version === undefined
      ? 'The policy has no Version: it is read as 2008-10-17, where policy variables are literal text. Add "Version": "2012-10-17".'
      : 'Version 2008-10-17 treats policy variables as literal text. Use "Version": "2012-10-17".';
  out.push(
    warningAt(document.version === undefined ? 'missing-version' : 'legacy-version', message, undefined),
  );
  for (const statement of document.statements) lintLiteralVariables(statement, out);
}

function lintLiteralVariables(statement: Statement, out: Diagnostic[]): void {
  const spans = [
    ...[statement.resource, statement.notResource].flatMap((list) =>
      list ? list.values.map((v, i) => [v, list.valueSpans[i] ?? list.span] as const) : [],
    ),
    ...statement.conditions.flatMap((c) => c.values.map((v, i) => [v, c.valueSpans[i] ?? c.span] as const)),
  ];
  for (const [value, span] of spans) {
    if (value.includes('${')) {
      const message = `${value} contains a policy variable, which this policy version does not substitute.`;
      out.push(warningAt('literal-variable', message, span));
    }
  }
}

function lintAllowNotAction(statement: Statement, out: Diagnostic[]): void {
  if (statement.effect !== 'Allow' || statement.notAction === undefined) return;
  if (statement.resource?.values.includes('*') !== true) return;
  const message =
    'Allow with NotAction on Resource "*" grants every action not listed, on everything, including actions of services added later.';
  out.push(warningAt('allow-not-action', message, statement.notAction.span));
}

/** An Allow to every principal with no condition: anyone, in any account, may use it. */
function lintOpenPrincipal(statement: Statement, kind: PolicyKind, out: Diagnostic[]): void {
  const principal = statement.principal;
  if (statement.effect !== 'Allow' || principal === undefined || statement.conditions.length > 0) return;
  const open =
    principal.wildcard || principal.entries.some((e) => e.type === 'AWS' && e.values.includes('*'));
  if (!open) return;
  const message =
    kind === 'trust'
      ? 'Any AWS principal in any account may assume this role: add a condition (aws:PrincipalOrgID, sts:ExternalId, ...) or name the principals.'
      : 'This statement allows every principal, including anonymous callers, with no condition.';
  out.push(warningAt('open-principal', message, principal.span));
}
