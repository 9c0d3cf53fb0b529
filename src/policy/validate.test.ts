import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awsPolicyError, validatePolicy } from './validate.ts';
import type { PolicyKind } from './types.ts';

const doc = (statement: object | object[], extra: object = {}) =>
  JSON.stringify({ Version: '2012-10-17', ...extra, Statement: statement });
const allow = (more: object = {}) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...more });
const trust = (more: object = {}) => ({
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::123456789012:root' },
  Action: 'sts:AssumeRole',
  ...more,
});
const resource = (more: object = {}) => ({ ...allow(), Principal: { AWS: '123456789012' }, ...more });

const valid: [string, PolicyKind, string][] = [
  [
    'identity with everything',
    'identity',
    doc([
      allow({ Sid: 'A1' }),
      {
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:Get*'],
        NotResource: 'arn:aws:iam::123456789012:user/x',
        Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
      },
    ]),
  ],
  ['version-less identity policy', 'identity', JSON.stringify({ Statement: allow() })],
  ['2008 identity policy', 'identity', doc(allow(), { Version: '2008-10-17' })],
  ['wildcard vendor and action', 'identity', doc(allow({ Action: ['*', '*:Get*', 'ec2:Describe*'] }))],
  [
    'iam resources',
    'identity',
    doc(
      allow({
        Resource: [
          'arn:aws:iam::123456789012:root',
          'arn:aws:iam::*:role/*',
          'arn:aws:iam::aws:policy/ReadOnly',
          'arn:aws:iam::123456789012:*',
        ],
      }),
    ),
  ],
  [
    'other partitions and regional s3 types (access points, jobs, storage lens, access grants)',
    'identity',
    doc(
      allow({
        Resource: [
          'arn:aws-cn:s3:::b',
          'arn:*:ec2:*:*:instance/*',
          'arn:aws:s3:us-east-1:123456789012:accesspoint/ap',
          'arn:aws:s3:*:*:access-grants/default/*',
          'arn:aws:s3:us-east-1:123456789012:job/j1',
          'arn:aws:s3:us-east-1:123456789012:storage-lens/config',
        ],
      }),
    ),
  ],
  [
    'condition with epoch and partial dates',
    'identity',
    doc(
      allow({
        Condition: {
          DateLessThan: {
            'aws:EpochTime': ['1700000000', '2020', '2020-01', '2020-01-01T10:00:00.123+01:00'],
          },
        },
      }),
    ),
  ],
  ['boundary', 'boundary', doc(allow())],
  ['session', 'session', doc(allow())],
  [
    'guardrail',
    'guardrail',
    doc({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    }),
  ],
  [
    'trust with AWS principals',
    'trust',
    doc(
      trust({
        Principal: {
          AWS: [
            '123456789012',
            'arn:aws:iam::123456789012:user/a/b',
            'arn:aws:iam::123456789012:role/r',
            'arn:aws:sts::123456789012:assumed-role/r/s',
            'AIDAJQABLZS4A3QDU576Q',
            '*',
          ],
        },
      }),
    ),
  ],
  [
    'trust with service',
    'trust',
    doc(
      trust({
        Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      }),
    ),
  ],
  [
    'trust with federation',
    'trust',
    doc([
      trust({
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } },
      }),
      trust({
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      }),
    ]),
  ],
  [
    'trust Deny with Principal *',
    'trust',
    doc([
      trust(),
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sts:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
  ],
  ['resource policy with Principal *', 'resource', doc(resource({ Principal: '*' }), { Id: 'x' })],
  [
    'resource policy with NotPrincipal and spaces in Sid',
    'resource',
    doc(
      resource({
        Sid: 'my statement',
        Principal: undefined,
        NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root', CanonicalUser: 'a'.repeat(64) },
      }),
    ),
  ],
];

for (const [name, kind, text] of valid) {
  test(`valid: ${name}`, () => {
    const result = validatePolicy(text, kind);
    assert.deepEqual(result.errors, []);
    assert.ok(result.document);
    assert.equal(awsPolicyError(result), undefined);
  });
}

const M = {
  syntax: 'Syntax errors in policy.',
  legacy: 'The policy failed legacy parsing',
  principal: 'Policy document should not specify a principal.',
  actions: 'Policy statement must contain actions.',
  resources: 'Policy statement must contain resources.',
  sid: 'Statement IDs (SID) in a single policy must be unique.',
  vendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
};

const invalid: [string, PolicyKind, string, string, string][] = [
  // [name, kind, text, code of the first error, AWS message]
  ['not JSON', 'identity', '{"Statement":', 'syntax', M.syntax],
  [
    'missing Effect',
    'identity',
    doc({ Action: '*', Resource: '*' }),
    'missing-effect',
    'Missing required field Effect',
  ],
  ['Effect lower case', 'identity', doc(allow({ Effect: 'allow' })), 'invalid-effect', M.legacy],
  [
    'principal in identity policy',
    'identity',
    doc(allow({ Principal: { AWS: '123456789012' } })),
    'principal-not-allowed',
    M.principal,
  ],
  [
    'NotPrincipal in boundary',
    'boundary',
    doc(allow({ NotPrincipal: '*' })),
    'principal-not-allowed',
    M.principal,
  ],
  [
    'principal in session policy',
    'session',
    doc(allow({ Principal: '*' })),
    'principal-not-allowed',
    M.principal,
  ],
  [
    'principal in guardrail',
    'guardrail',
    doc(allow({ Principal: '*' })),
    'principal-not-allowed',
    M.principal,
  ],
  ['no Action', 'identity', doc({ Effect: 'Allow', Resource: '*' }), 'missing-action', M.actions],
  ['empty Action list', 'identity', doc(allow({ Action: [] })), 'missing-action', M.actions],
  ['no Resource', 'identity', doc({ Effect: 'Allow', Action: 's3:*' }), 'missing-resource', M.resources],
  [
    'empty NotResource list',
    'session',
    doc({ Effect: 'Allow', Action: 's3:*', NotResource: [] }),
    'missing-resource',
    M.resources,
  ],
  ['duplicate Sid', 'identity', doc([allow({ Sid: 'A' }), allow({ Sid: 'A' })]), 'duplicate-sid', M.sid],
  [
    'non-alphanumeric Sid',
    'identity',
    doc(allow({ Sid: 'my-sid' })),
    'invalid-sid',
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  ],
  ['action without vendor', 'identity', doc(allow({ Action: 'GetObject' })), 'invalid-action', M.vendor],
  [
    'action with two colons',
    'identity',
    doc(allow({ Action: 's3:Get:Object' })),
    'invalid-action',
    'Actions/Condition can contain only one colon.',
  ],
  [
    'bad vendor',
    'identity',
    doc({ Effect: 'Allow', NotAction: 's_3:Get', Resource: '*' }),
    'invalid-action',
    'Vendor s_3 is not valid',
  ],
  [
    'condition key without vendor',
    'identity',
    doc(allow({ Condition: { StringEquals: { SourceIp: 'x' } } })),
    'invalid-condition-key',
    M.vendor,
  ],
  [
    'resource not an ARN',
    'identity',
    doc(allow({ Resource: 'bucket/key' })),
    'invalid-resource',
    'Resource bucket/key must be in ARN format or "*".',
  ],
  [
    'resource bad partition',
    'identity',
    doc(allow({ Resource: 'arn:foo:s3:::b' })),
    'invalid-resource',
    'Partition "foo" is not valid for resource "arn:foo:s3:::b".',
  ],
  [
    'resource wildcard service',
    'identity',
    doc(allow({ Resource: 'arn:aws:*:*:*:*' })),
    'invalid-resource',
    'Resource vendor must be fully qualified and cannot contain regexes.',
  ],
  [
    'iam resource with region',
    'identity',
    doc(allow({ Resource: 'arn:aws:iam:us-east-1:123456789012:user/x' })),
    'invalid-resource',
    'IAM resource arn:aws:iam:us-east-1:123456789012:user/x cannot contain region information.',
  ],
  [
    's3 resource with region',
    'identity',
    doc(allow({ Resource: 'arn:aws:s3:us-east-1::b' })),
    'invalid-resource',
    'Resource arn:aws:s3:us-east-1::b can not contain region information.',
  ],
  [
    'iam resource bad type',
    'identity',
    doc(allow({ Resource: 'arn:aws:iam::123456789012:users/x' })),
    'invalid-resource',
    'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
  ],
  [
    'truncated ARN',
    'identity',
    doc(allow({ Resource: 'arn:aws:iam::123456789012' })),
    'legacy-resource',
    M.legacy,
  ],
  [
    'bad date',
    'identity',
    doc(allow({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-13-01' } } })),
    'invalid-date',
    M.legacy,
  ],
  [
    'date not a number',
    'identity',
    doc(allow({ Condition: { DateLessThanIfExists: { 'aws:CurrentTime': 'yesterday' } } })),
    'invalid-date',
    M.legacy,
  ],
  [
    'trust without principal',
    'trust',
    doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }),
    'missing-principal',
    'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
  ],
  [
    'trust with Resource',
    'trust',
    doc(trust({ Resource: '*' })),
    'resource-not-allowed',
    'Has prohibited field Resource.',
  ],
  [
    'trust with NotResource',
    'trust',
    doc(trust({ NotResource: '*' })),
    'resource-not-allowed',
    'Has prohibited field Resource.',
  ],
  [
    'trust with NotPrincipal',
    'trust',
    doc({ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }),
    'not-principal-not-allowed',
    'Has prohibited field NotPrincipal.',
  ],
  [
    'trust with bare *',
    'trust',
    doc(trust({ Principal: '*' })),
    'invalid-principal',
    'Invalid principal in policy: "*"',
  ],
  [
    'trust with non-STS action',
    'trust',
    doc(trust({ Action: ['sts:AssumeRole', 's3:GetObject'] })),
    'trust-action',
    'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
  ],
  [
    'trust with action *',
    'trust',
    doc(trust({ Action: '*' })),
    'trust-action',
    'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
  ],
  [
    'trust with partial wildcard principal',
    'trust',
    doc(trust({ Principal: { AWS: 'arn:aws:iam::123456789012:role/*' } })),
    'invalid-principal',
    'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/*"',
  ],
  [
    'trust with malformed account',
    'trust',
    doc(trust({ Principal: { AWS: '1234' } })),
    'invalid-principal',
    'Invalid principal in policy: "AWS":"1234"',
  ],
  [
    'trust with CanonicalUser',
    'trust',
    doc(trust({ Principal: { CanonicalUser: 'a'.repeat(64) } })),
    'invalid-principal',
    `Invalid principal in policy: "CanonicalUser":"${'a'.repeat(64)}"`,
  ],
  [
    'trust with bad service',
    'trust',
    doc(trust({ Principal: { Service: 'not a service' } })),
    'invalid-principal',
    'Invalid principal in policy: "Service":"not a service"',
  ],
  [
    'resource policy without principal',
    'resource',
    doc(allow()),
    'missing-principal',
    'Missing required field Principal',
  ],
  [
    'characters outside the allowed set',
    'identity',
    doc(allow({ Sid: 'caf\u0113' })),
    'invalid-character',
    "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
  ],
];

for (const [name, kind, text, code, message] of invalid) {
  test(`invalid (${kind}): ${name}`, () => {
    const result = validatePolicy(text, kind);
    assert.equal(result.document, undefined);
    assert.equal(result.errors[0]?.code, code, JSON.stringify(result.errors));
    assert.equal(result.errors[0]?.message, message);
  });
}

test('the first error is the one IAM checks first, and maps to its AWS error code', () => {
  const text = doc([allow({ Sid: 'A', Resource: 'nope' }), allow({ Sid: 'A', Action: [] })]);
  const result = validatePolicy(text, 'identity');
  assert.deepEqual(
    result.errors.map((e) => e.code),
    ['duplicate-sid', 'missing-action', 'invalid-resource'],
  );
  assert.deepEqual(awsPolicyError(result), { code: 'MalformedPolicyDocument', message: M.sid });
});

test('errors carry JSON pointers and positions', () => {
  const text = `{
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "GetObject"], "Resource": "*"}
  ]
}`;
  const [error] = validatePolicy(text, 'identity').errors;
  assert.equal(error?.pointer, '/Statement/0/Action/1');
  assert.deepEqual(error?.position, { line: 3, column: 52, offset: text.indexOf('"GetObject"') });
});

test('character errors are ValidationError', () => {
  const result = validatePolicy(doc(allow({ Sid: '\u2603' })), 'identity');
  assert.equal(awsPolicyError(result)?.code, 'ValidationError');
  assert.equal(result.errors[0]?.detail, 'character U+2603 is not allowed in a policy');
});

test('size limits per kind, counted without white space', () => {
  const actions = (n: number) => Array.from({ length: n }, (_, i) => `s3:Action${i}`);
  const big = doc(allow({ Action: actions(500) }));
  const managed = validatePolicy(big, 'identity');
  assert.equal(managed.errors[0]?.code, 'size');
  assert.deepEqual(awsPolicyError(managed), {
    code: 'LimitExceeded',
    message: 'Cannot exceed quota for PolicySize: 6144',
  });
  assert.equal(
    validatePolicy(big, 'boundary').errors[0]?.message,
    'Cannot exceed quota for PolicySize: 6144',
  );
  assert.deepEqual(validatePolicy(big, 'identity', { size: false }).errors, []);
  assert.deepEqual(validatePolicy(big, 'identity', { size: { limit: 99999, message: 'x' } }).errors, []);
  const bigTrust = doc(
    trust({
      Principal: { AWS: Array.from({ length: 80 }, (_, i) => `arn:aws:iam::123456789012:user/u${i}`) },
    }),
  );
  assert.equal(
    validatePolicy(bigTrust, 'trust').errors[0]?.message,
    'Cannot exceed quota for ACLSizePerRole: 2048',
  );
  // White space does not count: the same document indented stays under the limit.
  const small = doc(allow({ Action: actions(100) }));
  const padded = small.replaceAll(',', `,\n${' '.repeat(60)}`);
  assert.ok(padded.length > 6144);
  assert.deepEqual(validatePolicy(padded, 'identity').errors, []);
});

test('a too-long session policy is a ValidationError, other sizes LimitExceeded', () => {
  const big = doc(allow({ Action: Array.from({ length: 500 }, (_, i) => `s3:Action${i}`) }));
  assert.equal(awsPolicyError(validatePolicy(big, 'session'), 'session')?.code, 'ValidationError');
  assert.equal(awsPolicyError(validatePolicy(big, 'guardrail'), 'guardrail')?.code, 'LimitExceeded');
});

test('malformed errors come before the size error', () => {
  const big = doc(allow({ Action: [...Array.from({ length: 700 }, (_, i) => `s3:A${i}`), 'bad'] }));
  assert.deepEqual(
    validatePolicy(big, 'identity').errors.map((e) => e.code),
    ['invalid-action', 'size'],
  );
});
