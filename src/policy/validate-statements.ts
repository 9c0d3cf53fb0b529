/** Statement-level rules: Sid format and uniqueness, required Action and Resource, trust-policy fields. */
import type { Statement } from './ast.ts';
import type { Diagnostic, PolicyKind } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

/** Kinds whose policies IAM itself stores; other services' resource policies allow e.g. spaces in Sids. */
const IAM_SID_RULES: ReadonlySet<PolicyKind> = new Set([
  'identity',
  'boundary',
  'trust',
  'session',
  'guardrail',
]);

export function checkSids(statements: readonly Statement[], kind: PolicyKind, out: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const statement of statements) {
    const sid = statement.sid;
    // IAM ignores empty Sids for uniqueness.
    if (sid === undefined || sid === '') continue;
    if (IAM_SID_RULES.has(kind) && !/^[0-9A-Za-z]*$/.test(sid)) {
      out.push(errorAt('invalid-sid', AWS_MESSAGES.sidFormat, statement.sidSpan));
    }
    if (seen.has(sid)) out.push(errorAt('duplicate-sid', AWS_MESSAGES.duplicateSid, statement.sidSpan));
    seen.add(sid);
  }
}

export function checkRequiredElements(statement: Statement, kind: PolicyKind, out: Diagnostic[]): void {
  const actions = statement.action ?? statement.notAction;
  if (actions === undefined || actions.values.length === 0) {
    out.push(errorAt('missing-action', AWS_MESSAGES.missingActions, actions?.span ?? statement.span));
  }
  const resources = statement.resource ?? statement.notResource;
  if (kind === 'trust') {
    if (resources !== undefined)
      out.push(errorAt('resource-not-allowed', AWS_MESSAGES.prohibitedResource, resources.span));
    return;
  }
  if (resources === undefined || resources.values.length === 0) {
    out.push(errorAt('missing-resource', AWS_MESSAGES.missingResources, resources?.span ?? statement.span));
  }
}
