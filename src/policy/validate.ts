/**
 * Full write-time validation of a policy for its kind: characters, grammar (parse.ts), the kind's
 * rules and its size limit. Errors come back in the order IAM checks them, so the first one is the
 * error IAM would report (`awsPolicyError`). Lint findings are a separate, slower pass (lint.ts).
 */
import type { ErrorCode } from '../core/errors.ts';
import type { PolicyDocument } from './ast.ts';
import { parsePolicy } from './parse.ts';
import { policySize, SIZE_RULES, type SizeRule } from './size.ts';
import type { Diagnostic, PolicyKind } from './types.ts';
import { checkActions, checkTrustActions } from './validate-actions.ts';
import { checkCharacters } from './validate-charset.ts';
import { checkDates } from './validate-dates.ts';
import { checkPrincipals } from './validate-principals.ts';
import { checkResources } from './validate-resources.ts';
import { checkRequiredElements, checkSids } from './validate-statements.ts';

export interface ValidationResult {
  /** Present when there are no errors. */
  readonly document?: PolicyDocument;
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
}

export interface ValidateOptions {
  /**
   * The size rule to apply; `false` for none (inline policies, whose quota is the entity's total:
   * sum `policySize` and use `inlinePolicySizeRule`). Defaults to `SIZE_RULES[kind]`.
   */
  readonly size?: SizeRule | false;
}

export function validatePolicy(
  text: string,
  kind: PolicyKind,
  options: ValidateOptions = {},
): ValidationResult {
  const parsed = parsePolicy(text, kind);
  const errors = [...(typeof text === 'string' ? checkCharacters(text) : []), ...parsed.diagnostics];
  if (parsed.document !== undefined) errors.push(...documentErrors(parsed.document, kind));
  const rule = options.size === undefined ? SIZE_RULES[kind] : options.size;
  if (rule && typeof text === 'string') {
    const size = policySize(text);
    if (size > rule.limit) {
      const detail = `the policy has ${size} characters not counting white space; the limit is ${rule.limit}`;
      errors.push({ code: 'size', severity: 'error', message: rule.message, detail, pointer: '' });
    }
  }
  errors.sort(byIamOrder);
  return errors.length === 0 && parsed.document
    ? { document: parsed.document, errors, warnings: [] }
    : { errors, warnings: [] };
}

function documentErrors(document: PolicyDocument, kind: PolicyKind): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkSids(document.statements, kind, out);
  for (const statement of document.statements) {
    checkDates(statement, out);
    checkRequiredElements(statement, kind, out);
    checkResources(statement, out);
    checkActions(statement, out);
    checkPrincipals(statement, kind, out);
    if (kind === 'trust') checkTrustActions(statement, out);
  }
  return out;
}

/**
 * IAM reports one error per request, in a fixed order of checks (as moto reproduces it): syntax,
 * legacy parsing, Sids, actions present, resources present and well-formed, action vendors, then
 * the kind's principal and trust rules; the size quota last. Within a rank, text order.
 */
const RANK: Readonly<Record<string, number>> = {
  'invalid-character': 0,
  'invalid-effect': 2,
  'invalid-date': 2,
  'legacy-resource': 2,
  'invalid-sid': 3,
  'duplicate-sid': 3,
  'missing-action': 4,
  'missing-resource': 5,
  'invalid-resource': 6,
  'invalid-action': 7,
  'invalid-condition-key': 7,
  'principal-not-allowed': 8,
  'missing-principal': 8,
  'not-principal-not-allowed': 8,
  'invalid-principal': 8,
  'trust-action': 9,
  'resource-not-allowed': 10,
  size: 11,
};
const rankOf = (d: Diagnostic) => RANK[d.code] ?? 1;

function byIamOrder(a: Diagnostic, b: Diagnostic): number {
  return rankOf(a) - rankOf(b) || (a.position?.offset ?? 0) - (b.position?.offset ?? 0);
}

/**
 * The AWS error for a failed validation: which error code the API answers with, and its message.
 * Sizes are IAM quotas (LimitExceeded), except STS's session-policy length, a parameter constraint.
 */
export function awsPolicyError(
  result: Pick<ValidationResult, 'errors'>,
  kind?: PolicyKind,
): { code: ErrorCode; message: string } | undefined {
  const first = result.errors[0];
  if (first === undefined) return undefined;
  if (first.code === 'invalid-character') return { code: 'ValidationError', message: first.message };
  if (first.code === 'size') {
    return { code: kind === 'session' ? 'ValidationError' : 'LimitExceeded', message: first.message };
  }
  return { code: 'MalformedPolicyDocument', message: first.message };
}
