/**
 * Which kinds may name principals, and in which forms. Identity-side kinds (identity, boundary,
 * session, guardrail) must not; resource policies must; role trust policies must, without
 * `NotPrincipal` and without the bare `"*"` (AWS rejects it there while accepting `{"AWS": "*"}`).
 * Whether a named user or role exists is the API's check (it needs the store): see `principalValues`.
 */
import type { PrincipalBlock, PrincipalType, PrincipalValues, Statement } from './ast.ts';
import type { Diagnostic, PolicyKind } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

const IDENTITY_SIDE: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'guardrail']);

export function checkPrincipals(statement: Statement, kind: PolicyKind, out: Diagnostic[]): void {
  const named = statement.principal ?? statement.notPrincipal;
  if (IDENTITY_SIDE.has(kind)) {
    if (named !== undefined)
      out.push(errorAt('principal-not-allowed', AWS_MESSAGES.principalNotAllowed, named.span));
    return;
  }
  if (kind === 'trust') {
    checkTrustPrincipals(statement, out);
  } else if (named === undefined) {
    out.push(errorAt('missing-principal', AWS_MESSAGES.missingPrincipal, statement.span));
  }
  if (statement.principal) checkValues(statement.principal, kind, out);
  if (statement.notPrincipal) checkValues(statement.notPrincipal, kind, out);
}

function checkTrustPrincipals(statement: Statement, out: Diagnostic[]): void {
  if (statement.notPrincipal !== undefined) {
    out.push(
      errorAt('not-principal-not-allowed', AWS_MESSAGES.prohibitedNotPrincipal, statement.notPrincipal.span),
    );
  } else if (statement.principal === undefined) {
    out.push(errorAt('missing-principal', AWS_MESSAGES.trustNoPrincipal, statement.span));
  } else if (statement.principal.wildcard) {
    const detail = 'write {"AWS": "*"} instead of the bare "*" in a role trust policy';
    out.push(
      errorAt('invalid-principal', AWS_MESSAGES.trustWildcardPrincipal, statement.principal.span, detail),
    );
  }
}

function checkValues(block: PrincipalBlock, kind: PolicyKind, out: Diagnostic[]): void {
  if (block.wildcard) return;
  for (const entry of block.entries) {
    entry.values.forEach((value, i) => {
      if (!principalValueValid(entry.type, value, kind)) {
        const span =
          entry.values.length > 1 ? { ...entry.span, pointer: `${entry.span.pointer}/${i}` } : entry.span;
        out.push(errorAt('invalid-principal', AWS_MESSAGES.invalidPrincipal(entry.type, value), span));
      }
    });
  }
}

const ACCOUNT = /^\d{12}$/;
/** Unique ids IAM stores in place of user/role ARNs (AIDA..., AROA...), shown when the entity is gone. */
const UNIQUE_ID = /^A[A-Z0-9]{15,127}$/;
const IAM_PRINCIPAL_ARN = /^arn:[a-z-]+:iam::(\d{12}|aws):(root|user\/.+|role\/.+)$/;
const STS_PRINCIPAL_ARN = /^arn:[a-z-]+:sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+)$/;
const FEDERATED_ARN = /^arn:[a-z-]+:iam::\d{12}:(saml-provider|oidc-provider)\/.+$/;
const HOST = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function principalValueValid(type: PrincipalType, value: string, kind: PolicyKind): boolean {
  switch (type) {
    case 'AWS':
      // No partial wildcards: only the whole value may be `*`.
      if (value === '*') return true;
      if (value.includes('*') || value.includes('?')) return false;
      return (
        ACCOUNT.test(value) ||
        UNIQUE_ID.test(value) ||
        IAM_PRINCIPAL_ARN.test(value) ||
        STS_PRINCIPAL_ARN.test(value)
      );
    case 'Service':
      return HOST.test(value);
    case 'Federated':
      return FEDERATED_ARN.test(value) || HOST.test(value);
    case 'CanonicalUser':
      // S3's canonical user ids; meaningless to a role trust policy.
      return kind !== 'trust' && /^[0-9a-f]{64}$/i.test(value);
  }
}

/** Every `AWS` principal value of a document (for the API's "does this user/role exist" check). */
export function principalValues(statements: readonly Statement[], type: PrincipalType): PrincipalValues[] {
  const found: PrincipalValues[] = [];
  for (const statement of statements) {
    for (const block of [statement.principal, statement.notPrincipal]) {
      if (block && !block.wildcard) found.push(...block.entries.filter((e) => e.type === type));
    }
  }
  return found;
}
