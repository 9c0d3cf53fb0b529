/**
 * AWS's MalformedPolicyDocument texts (as IAM returns them; wording mirrored by moto, which tests
 * against AWS) and the small constructors every parse/validate/lint step uses for diagnostics.
 */
import type { Span } from './ast.ts';
import type { Diagnostic, Position } from './types.ts';
import type { ErrorDiagnosticCode, WarningDiagnosticCode } from './validate-codes.ts';

export const AWS_MESSAGES = {
  syntax: 'Syntax errors in policy.',
  legacyParsing: 'The policy failed legacy parsing',
  version: 'Policy document must be version 2012-10-17 or greater.',
  missingEffect: 'Missing required field Effect',
  principalNotAllowed: 'Policy document should not specify a principal.',
  missingActions: 'Policy statement must contain actions.',
  missingResources: 'Policy statement must contain resources.',
  duplicateSid: 'Statement IDs (SID) in a single policy must be unique.',
  actionVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionColons: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string) => `Vendor ${vendor} is not valid`,
  resourceArn: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  partition: (partition: string, resource: string) =>
    `Partition "${partition}" is not valid for resource "${resource}".`,
  iamRegion: (resource: string) => `IAM resource ${resource} cannot contain region information.`,
  s3Region: (resource: string) => `Resource ${resource} can not contain region information.`,
  iamResourcePath:
    'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, ' +
    'instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, ' +
    'report/, access-report/.',
  prohibitedResource: 'Has prohibited field Resource.',
  prohibitedNotPrincipal: 'Has prohibited field NotPrincipal.',
  trustNoPrincipal:
    'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: ' +
    'The passed in policy has a statement with no principals!',
  invalidPrincipal: (type: string, value: string) => `Invalid principal in policy: "${type}":"${value}"`,
  trustAction:
    'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
  sidFormat:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  missingPrincipal: 'Missing required field Principal',
  trustWildcardPrincipal: 'Invalid principal in policy: "*"',
} as const;

const ZERO: Position = { line: 1, column: 1, offset: 0 };

export function errorAt(
  code: ErrorDiagnosticCode,
  message: string,
  span: Span | undefined,
  detail?: string,
): Diagnostic {
  return diagnostic('error', code, message, span, detail);
}

export function warningAt(
  code: WarningDiagnosticCode,
  message: string,
  span: Span | undefined,
  detail?: string,
): Diagnostic {
  return diagnostic('warning', code, message, span, detail);
}

function diagnostic(
  severity: Diagnostic['severity'],
  code: string,
  message: string,
  span: Span | undefined,
  detail: string | undefined,
): Diagnostic {
  return {
    code,
    severity,
    message,
    pointer: span?.pointer ?? '',
    position: span?.start ?? ZERO,
    ...(detail === undefined ? {} : { detail }),
  };
}
