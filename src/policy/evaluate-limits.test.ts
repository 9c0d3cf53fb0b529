/** Boundaries, session policies and guardrails intersect; cross-account resource policies (spec 7.3-7.5). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allow,
  deny,
  federatedUser,
  grant,
  OTHER,
  outcome,
  policy,
  request,
  roleSession,
  user,
} from './evaluate-test-kit.ts';

const OBJ = 'arn:aws:s3:::data/k';
const GET = 's3:GetObject';
const s3Read = () => policy('identity', [allow(['s3:Get*', 's3:List*'])]);

test('a permissions boundary caps identity permissions and grants nothing itself', () => {
  const boundary = policy('boundary', [allow(['s3:*', 'ec2:*'])]);
  const bob = user('bob');
  assert.deepEqual(outcome({ identity: [s3Read()], boundary: [boundary] }, request(bob, GET, OBJ)), [
    'Allow',
    'identity',
  ]);
  assert.deepEqual(outcome({ identity: [], boundary: [boundary] }, request(bob, GET, OBJ)), [
    'ImplicitDeny',
    'identity',
  ]);
  const wide = policy('identity', [allow('*')]);
  assert.deepEqual(outcome({ identity: [wide], boundary: [boundary] }, request(bob, 'iam:CreateUser')), [
    'ImplicitDeny',
    'boundary',
  ]);
  const denying = policy('boundary', [allow('*'), deny(GET)]);
  assert.deepEqual(outcome({ identity: [wide], boundary: [denying] }, request(bob, GET, OBJ)), [
    'ExplicitDeny',
    'boundary',
  ]);
  // An empty boundary set still means "has a boundary" that allows nothing.
  assert.deepEqual(outcome({ identity: [wide], boundary: [] }, request(bob, GET, OBJ)), [
    'ImplicitDeny',
    'boundary',
  ]);
});

test('session policies cap a session; a federated user without one has no permissions', () => {
  const session = roleSession('app', 's1');
  const narrow = policy('session', [allow('s3:GetObject')]);
  assert.deepEqual(outcome({ identity: [s3Read()], session: [narrow] }, request(session, GET, OBJ)), [
    'Allow',
    'identity',
  ]);
  assert.deepEqual(
    outcome(
      { identity: [s3Read()], session: [narrow] },
      request(session, 's3:ListBucket', 'arn:aws:s3:::data'),
    ),
    ['ImplicitDeny', 'session'],
  );
  assert.deepEqual(
    outcome({ identity: [s3Read()] }, request(session, 's3:ListBucket', 'arn:aws:s3:::data')),
    ['Allow', 'identity'],
  );
  const fed = federatedUser('fed', 'bob');
  assert.deepEqual(outcome({ identity: [s3Read()] }, request(fed, GET, OBJ)), ['ImplicitDeny', 'session']);
  assert.deepEqual(outcome({ identity: [s3Read()], session: [narrow] }, request(fed, GET, OBJ)), [
    'Allow',
    'identity',
  ]);
  // Identity, then boundary, then session: the first that fails is named.
  const boundary = policy('boundary', [allow('ec2:*')]);
  assert.deepEqual(
    outcome({ identity: [s3Read()], boundary: [boundary], session: [] }, request(session, GET, OBJ)),
    ['ImplicitDeny', 'boundary'],
  );
});

test('guardrails need an allow and their deny wins, even over a resource grant to the caller', () => {
  const bob = user('bob');
  const full = policy('guardrail', [allow('*')]);
  const noIam = policy('guardrail', [allow('*'), deny('iam:*')]);
  const onlyS3 = policy('guardrail', [allow('s3:*')]);
  const admin = policy('identity', [allow('*')]);
  assert.deepEqual(outcome({ identity: [admin], guardrail: [full] }, request(bob, 'iam:CreateUser')), [
    'Allow',
    'identity',
  ]);
  assert.deepEqual(outcome({ identity: [admin], guardrail: [noIam] }, request(bob, 'iam:CreateUser')), [
    'ExplicitDeny',
    'guardrail',
  ]);
  assert.deepEqual(outcome({ identity: [admin], guardrail: [onlyS3] }, request(bob, 'iam:CreateUser')), [
    'ImplicitDeny',
    'guardrail',
  ]);
  assert.deepEqual(outcome({ identity: [admin], guardrail: [] }, request(bob, 'iam:CreateUser')), [
    'ImplicitDeny',
    'guardrail',
  ]);
  const direct = policy('resource', [grant({ AWS: bob.arn }, GET, { Resource: OBJ })]);
  assert.deepEqual(
    outcome({ identity: [], resource: [direct], guardrail: [onlyS3] }, request(bob, GET, OBJ)),
    ['Allow', 'resource'],
  );
  const ec2Only = policy('guardrail', [allow('ec2:*')]);
  assert.deepEqual(
    outcome({ identity: [], resource: [direct], guardrail: [ec2Only] }, request(bob, GET, OBJ)),
    ['ImplicitDeny', 'guardrail'],
  );
});

test("across accounts the resource policy and the caller's own policies must both allow", () => {
  const carol = user('carol', OTHER);
  const toAccount = policy('resource', [grant({ AWS: OTHER }, GET, { Resource: OBJ })]);
  const toCarol = policy('resource', [grant({ AWS: carol.arn }, GET, { Resource: OBJ })]);
  const none = policy('resource', [grant({ AWS: '333333333333' }, GET, { Resource: OBJ })]);
  const req = request(carol, GET, OBJ, {}, '111111111111');
  const cases: [string, ReturnType<typeof policy>, ReturnType<typeof policy>[], [string, string]][] = [
    ['account grant, identity allows', toAccount, [s3Read()], ['Allow', 'identity']],
    ['account grant, no identity allow', toAccount, [], ['ImplicitDeny', 'identity']],
    ['user grant, identity allows', toCarol, [s3Read()], ['Allow', 'identity']],
    ['user grant, no identity allow', toCarol, [], ['ImplicitDeny', 'identity']],
    ['no grant, identity allows', none, [s3Read()], ['ImplicitDeny', 'resource']],
  ];
  for (const [name, resource, identity, expected] of cases) {
    assert.deepEqual(outcome({ identity, resource: [resource] }, req), expected, name);
  }
  assert.deepEqual(outcome({ identity: [s3Read()] }, req), ['ImplicitDeny', 'resource']);
  const boundary = policy('boundary', [allow('ec2:*')]);
  assert.deepEqual(outcome({ identity: [s3Read()], resource: [toCarol], boundary: [boundary] }, req), [
    'ImplicitDeny',
    'boundary',
  ]);
  const denyTheirs = policy('identity', [allow('*'), deny(GET)]);
  assert.deepEqual(outcome({ identity: [denyTheirs], resource: [toAccount] }, req), [
    'ExplicitDeny',
    'identity',
  ]);
  // The account that owns the resource (not the one in its ARN) decides what "cross-account" means.
  const same = request(carol, GET, OBJ, {}, OTHER);
  assert.deepEqual(outcome({ identity: [], resource: [toCarol] }, same), ['Allow', 'resource']);
});
