/**
 * Random policy sets and requests for the agreement property (compiled engine vs naive oracle).
 * Everything is drawn from small pools so that actions, resources, principals and condition
 * values actually collide and statements match often.
 */
import fc from 'fast-check';
import type {
  ContextValue,
  EvaluationRequest,
  PolicyInput,
  RequestPrincipal,
} from '../../src/policy/types.ts';
import type { NaivePolicySet } from '../reference/naive-evaluator.ts';

const A = '111122223333';
const B = '444455556666';

export const PRINCIPALS: readonly RequestPrincipal[] = [
  { type: 'User', arn: `arn:aws:iam::${A}:user/alice`, account: A, userId: 'AIDAALICEEXAMPLE' },
  { type: 'User', arn: `arn:aws:iam::${A}:user/team/bob`, account: A, userId: 'AIDABOBEXAMPLE' },
  {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${A}:assumed-role/Dev/s1`,
    account: A,
    roleArn: `arn:aws:iam::${A}:role/Dev`,
    userId: 'AROADEVEXAMPLE:s1',
  },
  {
    type: 'FederatedUser',
    arn: `arn:aws:sts::${A}:federated-user/carol`,
    account: A,
    userId: `${A}:carol`,
    sourceUserArn: `arn:aws:iam::${A}:user/alice`,
  },
  { type: 'Account', arn: `arn:aws:iam::${A}:root`, account: A, userId: A },
  { type: 'Service', arn: 'ec2.amazonaws.com', account: A, service: 'ec2.amazonaws.com' },
  {
    type: 'FederatedUser',
    arn: `arn:aws:sts::${A}:federated-user/web`,
    account: A,
    federatedProvider: 'cognito-identity.amazonaws.com',
  },
  { type: 'User', arn: `arn:aws:iam::${B}:user/dave`, account: B, userId: 'AIDADAVEEXAMPLE' },
  {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${B}:assumed-role/Ops/s2`,
    account: B,
    roleArn: `arn:aws:iam::${B}:role/Ops`,
    userId: 'AROAOPSEXAMPLE:s2',
  },
];

const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  'iam:GetUser',
  'sts:AssumeRole',
  'S3:getobject',
  'sts:AssumeRoleWithWebIdentity',
];
const ACTION_PATTERNS = [
  '*',
  's3:*',
  's3:Get*',
  'S3:GETOBJECT',
  'iam:Get?ser',
  '*Object',
  'sts:Assume*',
  'iam:*',
  's3:???Object',
];
const RESOURCES = [
  'arn:aws:s3:::bucket/a.txt',
  'arn:aws:s3:::bucket/home/alice/x',
  'arn:aws:s3:::bucket/home/bob/x',
  'arn:aws:s3:::Bucket/a.txt',
  'arn:aws:s3:::bucket/dev/y',
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:role/Target`,
];
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::bucket/*',
  'arn:aws:s3:::bucket/home/${aws:username}/*',
  "arn:aws:s3:::bucket/home/${aws:username, 'bob'}/*",
  'arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::bucket/?.txt',
  'arn:aws:s3:::bucket/a${?}txt',
  `arn:aws:iam::${A}:user/*`,
  'arn:aws:iam::*:*',
  `arn:aws:iam::${A}:role/Target`,
  'arn:aws:s3:::bucket/a.txt',
];

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const oneOrMany = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

/** Single-valued keys with their pools of request values and policy values, per operator family. */
interface KeySpec {
  readonly key: string;
  readonly family: 'String' | 'Numeric' | 'Date' | 'Bool' | 'Ip' | 'Arn';
  readonly requestValues: readonly string[];
  readonly policyValues: readonly (string | number | boolean)[];
}

const KEYS: readonly KeySpec[] = [
  {
    key: 'aws:username',
    family: 'String',
    requestValues: ['alice', 'bob'],
    policyValues: ['alice', 'Alice', 'b*', '${aws:PrincipalTag/team}'],
  },
  {
    key: 'aws:PrincipalTag/team',
    family: 'String',
    requestValues: ['dev', 'ops', 'Dev'],
    policyValues: ['dev', 'DEV', 'd?v', '*', "${aws:username, 'dev'}"],
  },
  {
    key: 'aws:MultiFactorAuthAge',
    family: 'Numeric',
    requestValues: ['100', '3600', '5000'],
    policyValues: ['3600', 3600, '100.0'],
  },
  {
    key: 'aws:CurrentTime',
    family: 'Date',
    requestValues: ['2020-01-01T00:00:00Z', '2030-06-01T12:00:00Z'],
    policyValues: ['2025-01-01T00:00:00Z', 1577836800, '2020-01-01'],
  },
  {
    key: 'aws:SecureTransport',
    family: 'Bool',
    requestValues: ['true', 'false'],
    policyValues: ['true', 'false', true],
  },
  {
    key: 'aws:SourceIp',
    family: 'Ip',
    requestValues: ['203.0.113.5', '192.0.2.1', '2001:db8::1'],
    policyValues: ['203.0.113.0/24', '192.0.2.1', '2001:db8::/32', '0.0.0.0/0'],
  },
  {
    key: 'aws:PrincipalArn',
    family: 'Arn',
    requestValues: [`arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${A}:role/Dev`],
    policyValues: [
      `arn:aws:iam::${A}:user/\${aws:username}`,
      `arn:aws:iam::${A}:role/*`,
      'arn:aws:iam::*:user/alice',
    ],
  },
];

const OPS: Record<KeySpec['family'], readonly string[]> = {
  String: [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
  ],
  Numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  Date: [
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
  ],
  Bool: ['Bool'],
  Ip: ['IpAddress', 'NotIpAddress'],
  Arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
};

const TAG_KEYS = 'aws:TagKeys';
const TAG_VALUES = ['env', 'team', 'Env', 'cost'];

const singleValued = pick(KEYS).chain((spec) =>
  fc
    .tuple(
      pick(OPS[spec.family]),
      fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'),
      fc.boolean(),
      oneOrMany(pick(spec.policyValues)),
    )
    .map(
      ([op, prefix, ifExists, values]) =>
        [`${prefix}${op}${ifExists ? 'IfExists' : ''}`, spec.key, values] as const,
    ),
);

// Multivalued keys only with set prefixes (single-valued operators on them are AWS-unspecified).
const multiValued = fc
  .tuple(
    pick(OPS.String),
    fc.constantFrom('ForAllValues:', 'ForAnyValue:'),
    fc.boolean(),
    oneOrMany(pick(TAG_VALUES)),
  )
  .map(
    ([op, prefix, ifExists, values]) =>
      [`${prefix}${op}${ifExists ? 'IfExists' : ''}`, TAG_KEYS, values] as const,
  );

const nullTest = fc
  .tuple(pick([...KEYS.map((k) => k.key), TAG_KEYS]), fc.constantFrom('true', 'false', true))
  .map(([key, value]) => ['Null', key, value] as const);

const condition = fc
  .array(fc.oneof(singleValued, singleValued, multiValued, nullTest), { minLength: 1, maxLength: 3 })
  .map((entries) => {
    const block: Record<string, Record<string, unknown>> = {};
    for (const [op, key, values] of entries) block[op] = { ...block[op], [key]: values };
    return block;
  });

const awsPrincipalValue = pick([
  A,
  B,
  `arn:aws:iam::${A}:root`,
  `arn:aws:iam::${B}:root`,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:user/team/bob`,
  `arn:aws:iam::${A}:role/Dev`,
  `arn:aws:sts::${A}:assumed-role/Dev/s1`,
  `arn:aws:sts::${A}:federated-user/carol`,
  `arn:aws:iam::${B}:user/dave`,
  `arn:aws:iam::${B}:role/Ops`,
  'AIDAALICEEXAMPLE',
  '*',
]);
const principalElement = fc.oneof(
  { weight: 6, arbitrary: oneOrMany(awsPrincipalValue).map((v) => ({ AWS: v })) },
  { weight: 1, arbitrary: fc.constant('*') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { Service: 'ec2.amazonaws.com' },
      { Federated: 'cognito-identity.amazonaws.com' },
    ),
  },
);

type Side = 'identity' | 'resource' | 'trust';

function statement(side: Side): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: oneOrMany(pick(ACTION_PATTERNS)),
      resourceForm: fc.constantFrom('Resource', 'Resource', 'NotResource'),
      resources: oneOrMany(pick(RESOURCE_PATTERNS)),
      principal: principalElement,
      notPrincipal: fc.boolean(),
      condition: fc.option(condition, { freq: 2, nil: undefined }),
    })
    .map((r) => {
      const s: Record<string, unknown> = { Effect: r.effect };
      if (side !== 'identity') {
        const usesNot = side === 'resource' && r.notPrincipal && r.effect === 'Deny';
        s[usesNot ? 'NotPrincipal' : 'Principal'] =
          side === 'trust' && r.principal === '*' ? { AWS: '*' } : r.principal;
      }
      s[r.notAction ? 'NotAction' : 'Action'] = r.actions;
      if (side !== 'trust') s[r.resourceForm] = r.resources;
      if (r.condition !== undefined) s['Condition'] = r.condition;
      return s;
    });
}

function policies(side: Side, prefix: string, min: number, max: number): fc.Arbitrary<PolicyInput[]> {
  const doc = fc
    .tuple(
      fc.constantFrom('2012-10-17', '2012-10-17', '2012-10-17', '2008-10-17', undefined),
      fc.array(statement(side), { minLength: 1, maxLength: 3 }),
    )
    .map(([version, statements]) =>
      JSON.stringify(
        version === undefined ? { Statement: statements } : { Version: version, Statement: statements },
      ),
    );
  return fc
    .array(doc, { minLength: min, maxLength: max })
    .map((docs) => docs.map((document, i) => ({ id: `${prefix}-${i}`, document })));
}

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { freq: 2, nil: undefined });

export const policySet: fc.Arbitrary<NaivePolicySet> = fc
  .record({
    identity: policies('identity', 'identity', 0, 3),
    resourceSide: fc.constantFrom('none', 'resource', 'trust'),
    resource: policies('resource', 'resource', 1, 2),
    trust: policies('trust', 'trust', 1, 1),
    boundary: optional(policies('identity', 'boundary', 1, 1)),
    session: optional(policies('identity', 'session', 1, 2)),
    // Guardrails are rare so that most runs reach the deeper steps of the decision.
    guardrail: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: policies('identity', 'guardrail', 1, 1) },
    ),
  })
  .map((r) => {
    const set: { -readonly [K in keyof NaivePolicySet]: NaivePolicySet[K] } = { identity: r.identity };
    if (r.resourceSide === 'resource') set.resource = r.resource;
    if (r.resourceSide === 'trust') set.trust = r.trust;
    if (r.boundary !== undefined) set.boundary = r.boundary;
    if (r.session !== undefined) set.session = r.session;
    if (r.guardrail !== undefined) set.guardrail = r.guardrail;
    return set;
  });

const contextArb: fc.Arbitrary<Record<string, ContextValue>> = fc
  .record({
    single: fc.array(fc.tuple(pick(KEYS), fc.nat()), { maxLength: KEYS.length }),
    tags: fc.option(fc.uniqueArray(pick(TAG_VALUES), { maxLength: 3 }), { nil: undefined }),
    upperCaseKeys: fc.boolean(),
  })
  .map((r) => {
    const context: Record<string, ContextValue> = {};
    for (const [spec, n] of r.single) {
      const key = r.upperCaseKeys ? spec.key.toUpperCase() : spec.key;
      context[key] = spec.requestValues[n % spec.requestValues.length] ?? '';
    }
    if (r.tags !== undefined) context[TAG_KEYS] = r.tags;
    return context;
  });

export const request: fc.Arbitrary<EvaluationRequest> = fc
  .record({
    principal: pick(PRINCIPALS),
    action: pick(ACTIONS),
    resource: pick(RESOURCES),
    resourceAccount: fc.constantFrom(undefined, A, B),
    context: contextArb,
  })
  .map((r) => {
    const base = { principal: r.principal, action: r.action, resource: r.resource, context: r.context };
    return r.resourceAccount === undefined ? base : { ...base, resourceAccount: r.resourceAccount };
  });

/** Callers that have no identity side (root, services, anonymous) get no identity-side policies. */
export const scenario: fc.Arbitrary<[NaivePolicySet, EvaluationRequest]> = fc
  .tuple(policySet, request)
  .map(([set, req]) => {
    const type = req.principal.type;
    if (type !== 'Account' && type !== 'Service' && type !== 'Anonymous') return [set, req];
    const { identity: _identity, boundary: _boundary, session: _session, ...rest } = set;
    return [{ ...rest, identity: [] }, req];
  });
