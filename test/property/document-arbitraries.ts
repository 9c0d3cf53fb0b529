/**
 * fast-check generators of VALID policy documents, built from the grammar in the IAM User Guide
 * ("Grammar of the IAM JSON policy language") and the per-kind rules of spec section 1, not from
 * the validator's code: if the validator rejects one of these, one of the two is wrong.
 */
import fc from 'fast-check';
import type { PolicyKind } from '../../src/policy/types.ts';

const ACCOUNT = '111122223333';

const actionName = fc.constantFrom(
  'GetObject',
  'PutObject',
  'CreateUser',
  'ListRoles',
  'SendMessage',
  'Get*',
  '*Key*',
  'Get?ser',
);
const service = fc.constantFrom('s3', 'iam', 'sqs', 'ec2', 'dynamodb', 'kms');
const action = fc.oneof(
  fc.constant('*'),
  fc.tuple(service, actionName).map(([s, a]) => `${s}:${a}`),
);
const trustAction = fc.constantFrom(
  'sts:AssumeRole',
  'sts:AssumeRoleWithWebIdentity',
  'sts:AssumeRoleWithSAML',
  'sts:TagSession',
  'sts:SetSourceIdentity',
);

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);
const resource = fc.oneof(
  fc.constant('*'),
  segment.map((b) => `arn:aws:s3:::${b}`),
  fc.tuple(segment, segment).map(([b, k]) => `arn:aws:s3:::${b}/${k}*`),
  fc
    .tuple(fc.constantFrom('user', 'role', 'group', 'policy'), segment)
    .map(([t, n]) => `arn:aws:iam::${ACCOUNT}:${t}/${n}`),
  fc.constantFrom(
    'arn:aws:iam::*:role/*',
    `arn:aws:sqs:us-east-1:${ACCOUNT}:q?`,
    `arn:aws:dynamodb:*:${ACCOUNT}:table/t`,
  ),
);

const oneOrMany = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

/** Condition operators by value type, with keys and values of that type. */
const conditionFamilies: readonly {
  ops: string[];
  key: string[];
  value: fc.Arbitrary<string | number | boolean>;
}[] = [
  {
    ops: [
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
    ],
    key: ['aws:username', 'aws:PrincipalTag/team', 's3:prefix', 'aws:RequestedRegion'],
    value: fc.oneof(segment, fc.constant('${aws:username}'), fc.constant('dev-*')),
  },
  {
    ops: [
      'NumericEquals',
      'NumericNotEquals',
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanEquals',
    ],
    key: ['aws:MultiFactorAuthAge', 's3:max-keys'],
    value: fc.oneof(fc.nat(100000).map(String), fc.nat(100000)),
  },
  {
    ops: [
      'DateEquals',
      'DateNotEquals',
      'DateLessThan',
      'DateLessThanEquals',
      'DateGreaterThan',
      'DateGreaterThanEquals',
    ],
    key: ['aws:CurrentTime', 'aws:TokenIssueTime'],
    value: fc.oneof(
      fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.integer({ min: 946684800, max: 4102444800 }).map(String),
    ),
  },
  {
    ops: ['Bool'],
    key: ['aws:SecureTransport', 'aws:MultiFactorAuthPresent'],
    value: fc.constantFrom('true', 'false', true, false),
  },
  { ops: ['BinaryEquals'], key: ['dynamodb:Attributes'], value: fc.constant('QmluYXJ5') },
  {
    ops: ['IpAddress', 'NotIpAddress'],
    key: ['aws:SourceIp'],
    value: fc.constantFrom(
      '203.0.113.0/24',
      '192.0.2.1',
      '10.0.0.0/8',
      '2001:DB8:1234:5678::/64',
      '2001:db8::1',
    ),
  },
  {
    ops: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
    key: ['aws:PrincipalArn', 'aws:SourceArn'],
    value: fc.constantFrom(
      `arn:aws:iam::${ACCOUNT}:role/*`,
      `arn:aws:iam::${ACCOUNT}:user/alice`,
      'arn:aws:s3:::bucket',
    ),
  },
];

const conditionEntry = fc
  .tuple(
    fc.constantFrom(...conditionFamilies),
    fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'),
    fc.boolean(),
  )
  .chain(([family, prefix, ifExists]) =>
    fc
      .tuple(fc.constantFrom(...family.ops), fc.constantFrom(...family.key), oneOrMany(family.value))
      .map(([op, key, value]) => [`${prefix}${op}${ifExists ? 'IfExists' : ''}`, { [key]: value }] as const),
  );

const nullEntry = fc
  .tuple(fc.constantFrom('aws:TokenIssueTime', 'aws:TagKeys'), fc.constantFrom('true', 'false', true, false))
  .map(([key, value]) => ['Null', { [key]: value }] as const);

const condition = fc
  .array(fc.oneof(conditionEntry, nullEntry), { minLength: 1, maxLength: 3 })
  .map((entries) => {
    const block: Record<string, Record<string, unknown>> = {};
    for (const [op, keys] of entries) block[op] = { ...block[op], ...keys };
    return block;
  });

const awsPrincipal = fc.constantFrom(
  ACCOUNT,
  `arn:aws:iam::${ACCOUNT}:root`,
  `arn:aws:iam::${ACCOUNT}:user/alice`,
  `arn:aws:iam::${ACCOUNT}:role/Dev`,
  `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/sess1`,
  '444455556666',
  '*',
);
const principal = fc.oneof(
  oneOrMany(awsPrincipal).map((v) => ({ AWS: v })),
  fc.constantFrom({ Service: 'ec2.amazonaws.com' }, { Federated: 'cognito-identity.amazonaws.com' }),
);

function statementFor(kind: PolicyKind): fc.Arbitrary<Record<string, unknown>> {
  const trust = kind === 'trust';
  const resourceSide = kind === 'resource' || trust;
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: oneOrMany(trust ? trustAction : action),
      notResource: fc.boolean(),
      resources: oneOrMany(resource),
      principal: trust ? principal : fc.oneof(principal, fc.constant('*')),
      notPrincipal: fc.boolean(),
      condition: fc.option(condition, { nil: undefined }),
    })
    .map((r) => {
      const s: Record<string, unknown> = { Effect: r.effect };
      if (resourceSide) {
        // NotPrincipal: resource policies only, and only with Deny (User Guide, NotPrincipal).
        const usesNot = !trust && r.notPrincipal && r.effect === 'Deny';
        s[usesNot ? 'NotPrincipal' : 'Principal'] = r.principal;
      }
      s[r.notAction && !trust ? 'NotAction' : 'Action'] = r.actions;
      // 'Statements must include either a Resource or a NotResource element' (trust policies: neither).
      if (!trust) s[r.notResource ? 'NotResource' : 'Resource'] = r.resources;
      if (r.condition !== undefined) s['Condition'] = r.condition;
      return s;
    });
}

/** A valid policy document of `kind` as a JS object (to be JSON.stringify-ed). */
export function validDocument(kind: PolicyKind): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      version: fc.constantFrom('2012-10-17', '2008-10-17', undefined),
      id: fc.option(fc.uuid(), { nil: undefined }),
      statements: fc.array(statementFor(kind), { minLength: 1, maxLength: 4 }),
      single: fc.boolean(),
      sids: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), { minLength: 4, maxLength: 4 }),
      withSid: fc.boolean(),
    })
    .map((r) => {
      const statements = r.statements.map((s, i) => (r.withSid ? { Sid: r.sids[i], ...s } : s));
      const doc: Record<string, unknown> = {};
      if (r.version !== undefined) doc['Version'] = r.version;
      if (r.id !== undefined && (kind === 'resource' || kind === 'trust')) doc['Id'] = r.id;
      doc['Statement'] = r.single && statements.length === 1 ? statements[0] : statements;
      return doc;
    });
}
