import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogFromData } from './catalog.ts';
import { checkPolicy, lintPolicy } from './lint.ts';
import { parsePolicy } from './parse.ts';

const catalog = catalogFromData({
  services: new Map([
    [
      's3',
      {
        actions: ['GetObject', 'PutObject', 'ListBucket'],
        conditionKeys: ['s3:prefix', 's3:ExistingObjectTag/<key>', 'aws:RequestTag/${TagKey}'],
      },
    ],
    [
      'iam',
      {
        actions: ['CreateUser', 'GetUser', 'PassRole'],
        conditionKeys: ['iam:PassedToService', 'iam:ResourceTag/${TagKey}'],
      },
    ],
    [
      'sts',
      {
        actions: ['AssumeRole'],
        conditionKeys: ['sts:ExternalId', 'saml:aud', 'token.actions.githubusercontent.com:sub'],
      },
    ],
  ]),
  globalConditionKeys: [
    'aws:SourceIp',
    'aws:CurrentTime',
    'aws:MultiFactorAuthAge',
    'aws:SecureTransport',
    'aws:PrincipalTag/tag-key',
    'aws:username',
  ],
});

const doc = (statements: object[], version: string | null = '2012-10-17') =>
  JSON.stringify(version === null ? { Statement: statements } : { Version: version, Statement: statements });
const allow = (more: object = {}) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...more });

function lint(text: string) {
  const { document, diagnostics } = parsePolicy(text, 'identity');
  assert.ok(document, JSON.stringify(diagnostics));
  return lintPolicy(document, catalog);
}

test('an AdministratorAccess-style policy has no findings', () => {
  assert.deepEqual(lint(doc([{ Effect: 'Allow', Action: '*', Resource: '*' }])), []);
});

test('a realistic clean policy has no findings', () => {
  const text = doc([
    allow({
      Sid: 'Read',
      Action: ['s3:Get*', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
    }),
    {
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: 'arn:aws:iam::123456789012:user/${aws:username}',
      Condition: {
        IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32', '192.0.2.1'] },
        DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
        Bool: { 'aws:SecureTransport': false },
        StringEquals: {
          'aws:PrincipalTag/Team': 'x',
          'iam:ResourceTag/Env': 'prod',
          's3:ExistingObjectTag/k': 'v',
          'aws:RequestTag/a': 'b',
        },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*', 'SAML:aud': 'x' },
      },
    },
  ]);
  assert.deepEqual(lint(text), []);
});

const findings: [string, string, string, string][] = [
  // [name, policy text, finding code, JSON pointer]
  [
    'unknown service prefix',
    doc([allow({ Action: ['s3:GetObject', 'foo:Bar'] })]),
    'unknown-service',
    '/Statement/0/Action/1',
  ],
  ['unknown action name', doc([allow({ Action: 's3:GetObjects' })]), 'unknown-action', '/Statement/0/Action'],
  [
    'wildcard matching no action',
    doc([allow({ Action: 's3:Delete*' })]),
    'unknown-action',
    '/Statement/0/Action',
  ],
  [
    'unknown action in NotAction',
    doc([{ Effect: 'Deny', NotAction: 'iam:MakeCoffee', Resource: '*' }]),
    'unknown-action',
    '/Statement/0/NotAction',
  ],
  [
    'unknown condition key',
    doc([allow({ Condition: { StringEquals: { 'aws:SourceIpAddress': 'x' } } })]),
    'unknown-condition-key',
    '/Statement/0/Condition/StringEquals/aws:SourceIpAddress',
  ],
  [
    'unknown service condition key',
    doc([allow({ Condition: { StringEquals: { 's3:prefixes': 'x' } } })]),
    'unknown-condition-key',
    '/Statement/0/Condition/StringEquals/s3:prefixes',
  ],
  [
    'Allow NotAction on *',
    doc([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
    'allow-not-action',
    '/Statement/0/NotAction',
  ],
  [
    'duplicate action (any case)',
    doc([allow({ Action: ['s3:GetObject', 'S3:getobject'] })]),
    'duplicate-value',
    '/Statement/0/Action/1',
  ],
  [
    'duplicate resource',
    doc([allow({ Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b'] })]),
    'duplicate-value',
    '/Statement/0/Resource/1',
  ],
  [
    'statement covered by a broader one',
    doc([
      allow({ Action: 's3:*' }),
      allow({ Sid: 'Narrow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }),
    ]),
    'redundant-statement',
    '/Statement/1',
  ],
  ['identical statements: the later one', doc([allow(), allow()]), 'redundant-statement', '/Statement/1'],
  [
    'deny covered by a deny',
    doc([
      { Effect: 'Deny', Action: '*', Resource: '*' },
      {
        Effect: 'Deny',
        Action: 'iam:CreateUser',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
    'redundant-statement',
    '/Statement/1',
  ],
  [
    'unparseable date',
    doc([allow({ Condition: { DateLessThan: { 'aws:CurrentTime': '2024-01-01T25:99:00Z' } } })]),
    'invalid-date-value',
    '/Statement/0/Condition/DateLessThan/aws:CurrentTime',
  ],
  [
    'bad CIDR',
    doc([allow({ Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '10.0.0.300/8'] } } })]),
    'invalid-ip',
    '/Statement/0/Condition/NotIpAddress/aws:SourceIp/1',
  ],
  [
    'IP with a prefix too long',
    doc([allow({ Condition: { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/33' } } })]),
    'invalid-ip',
    '/Statement/0/Condition/IpAddressIfExists/aws:SourceIp',
  ],
  [
    'not a number',
    doc([allow({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } } })]),
    'invalid-number',
    '/Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge',
  ],
  [
    'not a boolean',
    doc([allow({ Condition: { Bool: { 'aws:SecureTransport': 'yes' } } })]),
    'invalid-bool',
    '/Statement/0/Condition/Bool/aws:SecureTransport',
  ],
  ['no Version', doc([allow()], null), 'missing-version', ''],
  ['old Version', doc([allow()], '2008-10-17'), 'legacy-version', ''],
  [
    'variable in a version-less policy',
    doc([allow({ Resource: 'arn:aws:s3:::b/${aws:username}/*' })], null),
    'literal-variable',
    '/Statement/0/Resource',
  ],
];

for (const [name, text, code, pointer] of findings) {
  test(`lint finds: ${name}`, () => {
    const found = lint(text).filter((d) => d.code === code);
    assert.equal(found.length, 1, JSON.stringify(lint(text)));
    assert.equal(found[0]?.pointer, pointer);
    assert.equal(found[0]?.severity, 'warning');
  });
}

const notRedundant: [string, object[]][] = [
  [
    'the broader statement has a condition',
    [allow({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), allow()],
  ],
  ['different effects', [allow(), { ...allow(), Effect: 'Deny' }]],
  [
    'a narrower wildcard does not cover a broader one',
    [allow({ Action: 's3:Get?' }), allow({ Action: 's3:Get*', Resource: 'arn:aws:s3:::b' })],
  ],
  [
    'resources not covered',
    [allow({ Resource: 'arn:aws:s3:::a/*' }), allow({ Resource: 'arn:aws:s3:::b/*' })],
  ],
  [
    'NotResource is never treated as covered',
    [allow(), { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b' }],
  ],
];

for (const [name, statements] of notRedundant) {
  test(`not redundant: ${name}`, () => {
    assert.deepEqual(
      lint(doc(statements)).filter((d) => d.code === 'redundant-statement'),
      [],
    );
  });
}

test('without a catalog only the catalog-free checks run', () => {
  const { document } = parsePolicy(doc([allow({ Action: ['foo:Bar', 'foo:Bar'] })]), 'identity');
  assert.ok(document);
  assert.deepEqual(
    lintPolicy(document).map((d) => d.code),
    ['duplicate-value'],
  );
});

test('checkPolicy returns validation errors or lint warnings', () => {
  const invalid = checkPolicy(doc([{ Effect: 'Allow', Action: 's3:GetObject' }]), 'identity', catalog);
  assert.equal(invalid.errors[0]?.code, 'missing-resource');
  assert.deepEqual(invalid.warnings, []);
  const warned = checkPolicy(doc([allow({ Action: 's3:Nope' })]), 'identity', catalog);
  assert.deepEqual(warned.errors, []);
  assert.deepEqual(
    warned.warnings.map((w) => w.code),
    ['unknown-action'],
  );
});

const typed = catalogFromData({
  services: new Map([
    ['s3', { actions: ['GetObject'], conditionKeys: [{ key: 's3:max-keys', type: 'Numeric' }] }],
  ]),
  globalConditionKeys: [
    { key: 'aws:SourceIp', type: 'IPAddress' },
    { key: 'aws:TagKeys', type: 'ArrayOfString' },
    { key: 'aws:username', type: 'String' },
    { key: 'aws:PrincipalArn', type: 'ARN' },
    { key: 'aws:CurrentTime', type: 'Date' },
  ],
});

const typeFindings: [string, object, string[]][] = [
  [
    'string operator on an IP key',
    { StringEquals: { 'aws:SourceIp': '10.0.0.1' } },
    ['operator-type-mismatch'],
  ],
  ['numeric key with string operator', { StringLike: { 's3:max-keys': '1*' } }, ['operator-type-mismatch']],
  [
    'date key with IfExists and set prefix still typed',
    { 'ForAnyValue:DateLessThanIfExists': { 'aws:CurrentTime': '2024-01-01' } },
    ['set-operator-single-valued'],
  ],
  [
    'multi-valued key without a set operator',
    { StringEquals: { 'aws:TagKeys': 'a' } },
    ['missing-set-operator'],
  ],
  [
    'set operator on a single-valued key',
    { 'ForAllValues:StringEquals': { 'aws:username': 'a' } },
    ['set-operator-single-valued'],
  ],
  [
    'ARN key with string and ARN operators',
    { StringLike: { 'aws:PrincipalArn': 'a*' }, ArnLike: { 'aws:PrincipalArn': 'arn:*' } },
    [],
  ],
  ['Null fits every key', { Null: { 'aws:TagKeys': 'true', 'aws:SourceIp': 'false' } }, []],
  ['multi-valued key with a set operator', { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' } }, []],
];

for (const [name, condition, codes] of typeFindings) {
  test(`key types: ${name}`, () => {
    const { document } = parsePolicy(doc([allow({ Condition: condition })]), 'identity');
    assert.ok(document);
    assert.deepEqual(
      lintPolicy(document, typed).map((d) => d.code),
      codes,
    );
  });
}

test('kind-specific: a trust policy anyone may assume', () => {
  const trust = (more: object) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', ...more },
    });
  const open = checkPolicy(trust({}), 'trust', catalog);
  assert.deepEqual(
    open.warnings.map((w) => [w.code, w.pointer]),
    [['open-principal', '/Statement/Principal']],
  );
  const conditioned = checkPolicy(
    trust({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }),
    'trust',
  );
  assert.deepEqual(conditioned.warnings, []);
});
