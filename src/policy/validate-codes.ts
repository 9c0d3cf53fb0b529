/**
 * Every diagnostic code the parser, validator and linter emit, with what it means. The constructors
 * in validate-messages.ts only accept these, so the list cannot drift from the code.
 */

/** Errors: the policy is rejected (MalformedPolicyDocument unless noted). */
export const ERROR_CODES = {
  syntax: 'not JSON, or JSON nested deeper than the reader allows',
  'duplicate-key': 'the same key twice in one JSON object',
  'invalid-type': 'an element has the wrong JSON type (e.g. Action is an object)',
  'unknown-element': 'an element name the policy grammar does not have (names are case-sensitive)',
  'invalid-version': 'Version is neither 2012-10-17 nor 2008-10-17',
  'missing-statement': 'no Statement element',
  'empty-statement': 'Statement is an empty array',
  'missing-effect': 'a statement without Effect',
  'invalid-effect': 'Effect is not exactly Allow or Deny',
  'conflicting-elements': 'Action with NotAction, Resource with NotResource, or Principal with NotPrincipal',
  'unknown-operator': 'a condition operator AWS does not have (or NullIfExists)',
  'invalid-character': 'a character outside TAB, LF, CR and U+0020-U+00FF (ValidationError)',
  'invalid-date': 'a Date* condition value IAM cannot read',
  'legacy-resource': "a truncated ARN IAM's legacy parser rejects",
  'invalid-sid': 'a Sid with characters other than [0-9A-Za-z] in an IAM policy',
  'duplicate-sid': 'two statements with the same Sid',
  'missing-action': 'a statement without Action/NotAction, or with an empty list',
  'missing-resource': 'a statement without Resource/NotResource where the kind needs one',
  'invalid-resource': 'a resource that is not "*" or a well-formed ARN',
  'invalid-action': 'an action without a vendor prefix, with two colons, or with a bad vendor',
  'invalid-condition-key': 'a condition key without a vendor prefix',
  'principal-not-allowed': 'Principal/NotPrincipal in an identity, boundary, session or guardrail policy',
  'missing-principal': 'a statement without Principal in a resource or trust policy',
  'not-principal-not-allowed': 'NotPrincipal in a role trust policy',
  'invalid-principal': 'a principal value of the wrong form (or the bare "*" in a trust policy)',
  'trust-action': 'a non-STS action in a role trust policy',
  'resource-not-allowed': 'Resource/NotResource in a role trust policy',
  size: 'the policy is larger than its kind allows (LimitExceeded)',
} as const;

/** Warnings: lint findings; the policy is valid. */
export const WARNING_CODES = {
  'unknown-service': 'an action whose service prefix no AWS service has',
  'unknown-action': 'an action name the service does not have, or a wildcard matching none',
  'unknown-condition-key': 'a condition key no service defines',
  'operator-type-mismatch':
    "an operator that cannot compare the key's type (e.g. StringEquals on aws:SourceIp)",
  'set-operator-single-valued': 'ForAllValues:/ForAnyValue: on a single-valued key',
  'missing-set-operator': 'a multi-valued key compared without ForAllValues:/ForAnyValue:',
  'allow-not-action': 'Allow with NotAction on Resource "*"',
  'open-principal': 'a trust or resource policy allowing every principal without a condition',
  'duplicate-value': 'the same action or resource twice in one list',
  'redundant-statement': 'a statement another statement already covers',
  'invalid-date-value': 'a Date* value the evaluator cannot read: it never matches',
  'invalid-ip': 'an IpAddress/NotIpAddress value that is no IP or CIDR',
  'invalid-number': 'a Numeric* value that is no number',
  'invalid-bool': 'a Bool value other than true/false',
  'invalid-binary': 'a BinaryEquals value that is not base64',
  'invalid-value': 'a condition value its operator cannot read',
  'missing-version': 'no Version: policy variables are literal text',
  'legacy-version': 'Version 2008-10-17: policy variables are literal text',
  'literal-variable': 'a ${...} that this policy version does not substitute',
} as const;

export type ErrorDiagnosticCode = keyof typeof ERROR_CODES;
export type WarningDiagnosticCode = keyof typeof WARNING_CODES;
