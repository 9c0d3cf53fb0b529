/**
 * Resource-based policy grants against implicit denies in the same account: every row of spec 7.4
 * (IAM User Guide, "Policy evaluation logic" / "Permissions boundaries" / "Session policies").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACCOUNT,
  allow,
  deny,
  federatedUser,
  grant,
  outcome,
  policy,
  request,
  roleSession,
  service,
  user,
} from './evaluate-test-kit.ts';
import type { CompiledPolicy } from './compile.ts';
import type { PolicySet, RequestPrincipal } from './types.ts';

const BUCKET = 'arn:aws:s3:::data/report.csv';
const READ = 's3:GetObject';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/bob`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/app/s1`;
const FED_ARN = `arn:aws:sts::${ACCOUNT}:federated-user/fed`;

const resourceNaming = (principal: unknown) =>
  policy('resource', [grant(principal, READ, { Resource: BUCKET })]);
const nothing = () => policy('identity', [allow('ec2:*')]);
const boundaryWithout = () => policy('boundary', [allow('ec2:*')]);
const sessionWithout = () => policy('session', [allow('ec2:*')]);

interface Row {
  readonly name: string;
  readonly caller: RequestPrincipal;
  readonly named: unknown;
  readonly policies: Omit<PolicySet<CompiledPolicy>, 'resource'>;
  readonly expected: [string, string];
}

const rows: Row[] = [
  // IAM user ARN: not limited by the identity policy nor the boundary.
  {
    name: 'user ARN, no identity allow',
    caller: user('bob'),
    named: { AWS: USER_ARN },
    policies: { identity: [nothing()] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'user ARN, boundary without it',
    caller: user('bob'),
    named: { AWS: USER_ARN },
    policies: { identity: [], boundary: [boundaryWithout()] },
    expected: ['Allow', 'resource'],
  },
  // Role ARN, request by a session of the role: counts as the allow, cut by boundary and session policy.
  {
    name: 'role ARN, no identity allow',
    caller: roleSession('app', 's1'),
    named: { AWS: ROLE_ARN },
    policies: { identity: [] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'role ARN, boundary without it',
    caller: roleSession('app', 's1'),
    named: { AWS: ROLE_ARN },
    policies: { identity: [], boundary: [boundaryWithout()] },
    expected: ['ImplicitDeny', 'boundary'],
  },
  {
    name: 'role ARN, session policy without it',
    caller: roleSession('app', 's1'),
    named: { AWS: ROLE_ARN },
    policies: { identity: [], session: [sessionWithout()] },
    expected: ['ImplicitDeny', 'session'],
  },
  {
    name: 'role unique id, session policy without it',
    caller: roleSession('app', 's1'),
    named: { AWS: 'AROAAPP' },
    policies: { identity: [], session: [sessionWithout()] },
    expected: ['ImplicitDeny', 'session'],
  },
  // Role session ARN: not limited by anything implicit.
  {
    name: 'session ARN, nothing else',
    caller: roleSession('app', 's1'),
    named: { AWS: SESSION_ARN },
    policies: { identity: [] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'session ARN, boundary and session policy without it',
    caller: roleSession('app', 's1'),
    named: { AWS: SESSION_ARN },
    policies: { identity: [], boundary: [boundaryWithout()], session: [sessionWithout()] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'other session of the role',
    caller: roleSession('app', 's2'),
    named: { AWS: SESSION_ARN },
    policies: { identity: [] },
    expected: ['ImplicitDeny', 'identity'],
  },
  // Federated user session ARN: not limited.
  {
    name: 'federated-user ARN, no session policy',
    caller: federatedUser('fed', 'bob'),
    named: { AWS: FED_ARN },
    policies: { identity: [] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'federated-user ARN, session policy without it',
    caller: federatedUser('fed', 'bob'),
    named: { AWS: FED_ARN },
    policies: { identity: [], session: [sessionWithout()] },
    expected: ['Allow', 'resource'],
  },
  // IAM user ARN, request by that user's federated session: limited by boundary and session policy.
  {
    name: 'user ARN via federated session, session policy allows',
    caller: federatedUser('fed', 'bob'),
    named: { AWS: USER_ARN },
    policies: { identity: [], session: [policy('session', [allow('s3:*')])] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'user ARN via federated session, session policy without it',
    caller: federatedUser('fed', 'bob'),
    named: { AWS: USER_ARN },
    policies: { identity: [], session: [sessionWithout()] },
    expected: ['ImplicitDeny', 'session'],
  },
  {
    name: 'user ARN via federated session, no session policy',
    caller: federatedUser('fed', 'bob'),
    named: { AWS: USER_ARN },
    policies: { identity: [] },
    expected: ['ImplicitDeny', 'session'],
  },
  {
    name: 'user ARN via federated session, boundary without it',
    caller: federatedUser('fed', 'bob'),
    named: { AWS: USER_ARN },
    policies: { identity: [], boundary: [boundaryWithout()], session: [policy('session', [allow('*')])] },
    expected: ['ImplicitDeny', 'boundary'],
  },
  // Account: the identity policy must allow; boundary and session policies apply.
  {
    name: 'account, no identity allow',
    caller: user('bob'),
    named: { AWS: ACCOUNT },
    policies: { identity: [nothing()] },
    expected: ['ImplicitDeny', 'identity'],
  },
  {
    name: 'account root ARN, no identity allow',
    caller: user('bob'),
    named: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    policies: { identity: [] },
    expected: ['ImplicitDeny', 'identity'],
  },
  {
    name: 'account, identity allows',
    caller: user('bob'),
    named: { AWS: ACCOUNT },
    policies: { identity: [policy('identity', [allow(READ)])] },
    expected: ['Allow', 'identity'],
  },
  {
    name: 'account, identity allows, boundary without it',
    caller: user('bob'),
    named: { AWS: ACCOUNT },
    policies: { identity: [policy('identity', [allow(READ)])], boundary: [boundaryWithout()] },
    expected: ['ImplicitDeny', 'boundary'],
  },
  // Principal "*": not limited by boundaries or session policies unless they explicitly deny.
  {
    name: '"*", boundary and session policy without it',
    caller: roleSession('app', 's1'),
    named: '*',
    policies: { identity: [], boundary: [boundaryWithout()], session: [sessionWithout()] },
    expected: ['Allow', 'resource'],
  },
  {
    name: '"*", boundary denies explicitly',
    caller: roleSession('app', 's1'),
    named: '*',
    policies: { identity: [], boundary: [policy('boundary', [deny(READ)])] },
    expected: ['ExplicitDeny', 'boundary'],
  },
  {
    name: '{"AWS": "*"} like "*"',
    caller: user('bob'),
    named: { AWS: '*' },
    policies: { identity: [], boundary: [boundaryWithout()] },
    expected: ['Allow', 'resource'],
  },
  // Other principal forms.
  {
    name: 'user unique id',
    caller: user('bob'),
    named: { AWS: 'AIDABOB' },
    policies: { identity: [] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'another user',
    caller: user('eve'),
    named: { AWS: USER_ARN },
    policies: { identity: [] },
    expected: ['ImplicitDeny', 'identity'],
  },
  {
    name: 'service principal',
    caller: service('cloudtrail.amazonaws.com'),
    named: { Service: 'cloudtrail.amazonaws.com' },
    policies: { identity: [] },
    expected: ['Allow', 'resource'],
  },
  {
    name: 'other service principal',
    caller: service('ec2.amazonaws.com'),
    named: { Service: ['cloudtrail.amazonaws.com'] },
    policies: { identity: [] },
    expected: ['ImplicitDeny', 'resource'],
  },
];

test('spec 7.4: how the resource policy names the caller decides which implicit denies still apply', () => {
  const failures = rows.flatMap((row) => {
    const actual = outcome(
      { ...row.policies, resource: [resourceNaming(row.named)] },
      request(row.caller, READ, BUCKET),
    );
    return actual[0] === row.expected[0] && actual[1] === row.expected[1]
      ? []
      : [`${row.name}: ${actual.join('/')}`];
  });
  assert.deepEqual(failures, []);
});

test('explicit denies win on both sides', () => {
  const resourceGrant = resourceNaming({ AWS: USER_ARN });
  const identityDeny = policy('identity', [deny('s3:*')]);
  assert.deepEqual(
    outcome({ identity: [identityDeny], resource: [resourceGrant] }, request(user('bob'), READ, BUCKET)),
    ['ExplicitDeny', 'identity'],
  );
  const resourceDeny = policy('resource', [
    { Effect: 'Deny', Principal: { AWS: USER_ARN }, Action: 's3:*', Resource: '*' },
  ]);
  const identityAllow = policy('identity', [allow('s3:*')]);
  assert.deepEqual(
    outcome({ identity: [identityAllow], resource: [resourceDeny] }, request(user('bob'), READ, BUCKET)),
    ['ExplicitDeny', 'resource'],
  );
  const sessionDeny = policy('session', [allow('*'), deny(READ)]);
  assert.deepEqual(
    outcome(
      { identity: [], resource: [resourceNaming({ AWS: SESSION_ARN })], session: [sessionDeny] },
      request(roleSession('app', 's1'), READ, BUCKET),
    ),
    ['ExplicitDeny', 'session'],
  );
});

test('NotPrincipal: applies to everyone not listed; with Deny it always hits a principal that has a boundary', () => {
  const denyAllBut = policy('resource', [
    { Effect: 'Deny', NotPrincipal: { AWS: [USER_ARN] }, Action: 's3:*', Resource: '*' },
    grant('*', READ, { Resource: BUCKET }),
  ]);
  assert.deepEqual(outcome({ identity: [], resource: [denyAllBut] }, request(user('bob'), READ, BUCKET)), [
    'Allow',
    'resource',
  ]);
  assert.deepEqual(outcome({ identity: [], resource: [denyAllBut] }, request(user('eve'), READ, BUCKET)), [
    'ExplicitDeny',
    'resource',
  ]);
  // IAM User Guide, permissions boundaries: NotPrincipal with Deny denies any principal with a boundary.
  const boundary = policy('boundary', [allow('*')]);
  assert.deepEqual(
    outcome(
      { identity: [], resource: [denyAllBut], boundary: [boundary] },
      request(user('bob'), READ, BUCKET),
    ),
    ['ExplicitDeny', 'resource'],
  );
  const allowAllBut = policy('resource', [
    { Effect: 'Allow', NotPrincipal: { AWS: USER_ARN }, Action: READ, Resource: BUCKET },
  ]);
  assert.deepEqual(outcome({ identity: [], resource: [allowAllBut] }, request(user('eve'), READ, BUCKET)), [
    'Allow',
    'resource',
  ]);
  assert.deepEqual(outcome({ identity: [], resource: [allowAllBut] }, request(user('bob'), READ, BUCKET)), [
    'ImplicitDeny',
    'identity',
  ]);
});

test('conditions on the resource side: aws:PrincipalArn with Principal "*"', () => {
  const p = policy('resource', [
    grant('*', READ, {
      Resource: BUCKET,
      Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app` } },
    }),
  ]);
  const ctx = { 'aws:PrincipalArn': ROLE_ARN };
  assert.deepEqual(
    outcome({ identity: [], resource: [p] }, request(roleSession('app', 's1'), READ, BUCKET, ctx)),
    ['Allow', 'resource'],
  );
  assert.deepEqual(
    outcome(
      { identity: [], resource: [p] },
      request(user('bob'), READ, BUCKET, { 'aws:PrincipalArn': USER_ARN }),
    ),
    ['ImplicitDeny', 'identity'],
  );
});
