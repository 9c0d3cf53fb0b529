/** Single-account evaluation: identity policies, explicit deny, matching elements, root, explain output. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './evaluate.ts';
import { ACCOUNT, allow, deny, explain, outcome, policy, request, root, user } from './evaluate-test-kit.ts';

const BOB = user('bob');
const ALICE_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;

test('identity policies: allow, implicit deny, explicit deny wins over any allow', () => {
  const allows = policy('identity', [allow('iam:*User*', `arn:aws:iam::${ACCOUNT}:user/*`)]);
  const denies = policy('identity', [deny('iam:DeleteUser', '*')]);
  const cases: [string, string, [string, string]][] = [
    ['iam:CreateUser', ALICE_ARN, ['Allow', 'identity']],
    ['iam:DeleteUser', ALICE_ARN, ['ExplicitDeny', 'identity']],
    ['iam:CreateRole', ALICE_ARN, ['ImplicitDeny', 'identity']],
    ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:role/x`, ['ImplicitDeny', 'identity']],
  ];
  for (const [action, resource, expected] of cases) {
    assert.deepEqual(
      outcome({ identity: [allows, denies] }, request(BOB, action, resource)),
      expected,
      action,
    );
  }
  assert.deepEqual(outcome({ identity: [] }, request(BOB, 'iam:GetUser')), ['ImplicitDeny', 'identity']);
});

test('actions match case-insensitively with * and ?, resources case-sensitively', () => {
  const p = policy('identity', [
    allow(['IAM:get?ser', 's3:*Object*'], ['arn:aws:s3:::Bucket/*', `arn:aws:iam::${ACCOUNT}:user/bob`]),
  ]);
  const cases: [string, string, string][] = [
    ['iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/bob`, 'Allow'],
    ['IAM:GETUSER', `arn:aws:iam::${ACCOUNT}:user/bob`, 'Allow'],
    ['iam:GetUsers', `arn:aws:iam::${ACCOUNT}:user/bob`, 'ImplicitDeny'],
    ['iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/Bob`, 'ImplicitDeny'],
    ['s3:GetObjectTagging', 'arn:aws:s3:::Bucket/a/b', 'Allow'],
    ['s3:getobject', 'arn:aws:s3:::bucket/a', 'ImplicitDeny'],
  ];
  for (const [action, resource, expected] of cases) {
    assert.equal(
      evaluate({ identity: [p] }, request(BOB, action, resource)).effect,
      expected,
      `${action} ${resource}`,
    );
  }
});

test('NotAction and NotResource apply to everything not listed', () => {
  const p = policy('identity', [
    { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    { Effect: 'Allow', Action: 'iam:*', NotResource: `arn:aws:iam::${ACCOUNT}:user/admin*` },
    { Effect: 'Deny', NotAction: ['s3:*', 'iam:*'], NotResource: 'arn:aws:ec2:*:*:instance/keep' },
  ]);
  const cases: [string, string, string][] = [
    ['s3:GetObject', 'arn:aws:s3:::b/k', 'Allow'],
    ['iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/bob`, 'Allow'],
    ['iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/admin-1`, 'ImplicitDeny'],
    ['ec2:StartInstances', 'arn:aws:ec2:us-east-1:1:instance/i-1', 'ExplicitDeny'],
    ['ec2:StartInstances', 'arn:aws:ec2:us-east-1:1:instance/keep', 'Allow'],
  ];
  for (const [action, resource, expected] of cases) {
    assert.equal(
      evaluate({ identity: [p] }, request(BOB, action, resource)).effect,
      expected,
      `${action} ${resource}`,
    );
  }
});

test('the action index agrees with plain matching for exact, wildcard and NotAction statements', () => {
  const p = policy('identity', [
    allow('s3:GetObject', 'arn:aws:s3:::a/*'),
    allow('s3:Get*', 'arn:aws:s3:::b/*'),
    allow('*:GetObject', 'arn:aws:s3:::c/*'),
    { Effect: 'Allow', NotAction: 's3:Put*', Resource: 'arn:aws:s3:::d/*' },
    allow('*', 'arn:aws:s3:::e/*'),
    allow('s?:GetObjec?', 'arn:aws:s3:::f/*'),
  ]);
  for (const bucket of ['a', 'b', 'c', 'd', 'e', 'f']) {
    const get = evaluate({ identity: [p] }, request(BOB, 's3:GetObject', `arn:aws:s3:::${bucket}/k`)).effect;
    assert.equal(get, 'Allow', `GetObject in ${bucket}`);
  }
  const expectations: [string, string][] = [
    ['a', 'ImplicitDeny'],
    ['b', 'Allow'],
    ['c', 'ImplicitDeny'],
    ['d', 'Allow'],
    ['e', 'Allow'],
    ['f', 'ImplicitDeny'],
  ];
  for (const [bucket, expected] of expectations) {
    const acl = evaluate(
      { identity: [p] },
      request(BOB, 's3:GetObjectAcl', `arn:aws:s3:::${bucket}/k`),
    ).effect;
    assert.equal(acl, expected, `GetObjectAcl in ${bucket}`);
  }
  const put = evaluate({ identity: [p] }, request(BOB, 's3:PutObject', 'arn:aws:s3:::d/k')).effect;
  assert.equal(put, 'ImplicitDeny');
});

test('the root user is allowed unless a resource policy or guardrail denies', () => {
  const identityDeny = policy('identity', [deny('*')]);
  assert.deepEqual(outcome({ identity: [identityDeny] }, request(root(), 'iam:CreateUser')), [
    'Allow',
    'none',
  ]);
  const guard = policy('guardrail', [allow('*'), deny('iam:DeleteAccountPasswordPolicy')]);
  assert.deepEqual(
    outcome({ identity: [], guardrail: [guard] }, request(root(), 'iam:DeleteAccountPasswordPolicy')),
    ['ExplicitDeny', 'guardrail'],
  );
  assert.deepEqual(outcome({ identity: [], guardrail: [guard] }, request(root(), 'iam:CreateUser')), [
    'Allow',
    'none',
  ]);
  const onlyS3 = policy('guardrail', [allow('s3:*')]);
  assert.deepEqual(outcome({ identity: [], guardrail: [onlyS3] }, request(root(), 'iam:CreateUser')), [
    'ImplicitDeny',
    'guardrail',
  ]);
  const resourceDeny = policy('resource', [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }]);
  assert.deepEqual(outcome({ identity: [], resource: [resourceDeny] }, request(root(), 's3:GetObject')), [
    'ExplicitDeny',
    'resource',
  ]);
});

test('matched statements carry policy id, index, Sid and positions', () => {
  const p = policy('identity', [
    { Sid: 'Reads', ...allow('s3:Get*') },
    { Sid: 'More', ...allow('s3:GetObject') },
    deny('s3:DeleteObject'),
  ]);
  const fast = evaluate({ identity: [p] }, request(BOB, 's3:GetObject', 'arn:aws:s3:::b/k'));
  assert.equal(fast.matched.length, 1);
  const all = explain({ identity: [p] }, request(BOB, 's3:GetObject', 'arn:aws:s3:::b/k'));
  assert.deepEqual(
    all.matched.map((m) => [m.policy, m.kind, m.statement, m.sid]),
    [
      [p.id, 'identity', 0, 'Reads'],
      [p.id, 'identity', 1, 'More'],
    ],
  );
  assert.ok(all.matched[0]?.start !== undefined && all.matched[0].end !== undefined);
  assert.ok((all.matched[0]?.start.offset ?? 0) < (all.matched[1]?.start?.offset ?? 0));
  const denied = evaluate({ identity: [p] }, request(BOB, 's3:DeleteObject', 'arn:aws:s3:::b/k'));
  assert.deepEqual(
    denied.matched.map((m) => [m.statement, m.sid]),
    [[2, undefined]],
  );
});

test('missing context keys are reported (completely in explain mode)', () => {
  const p = policy('identity', [
    allow('s3:GetObject', '*', {
      Condition: {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        StringEquals: { 'aws:PrincipalTag/team': 'x' },
      },
    }),
  ]);
  const req = request(BOB, 's3:GetObject', 'arn:aws:s3:::b/k');
  assert.deepEqual(explain({ identity: [p] }, req).missingContextKeys, [
    'aws:MultiFactorAuthPresent',
    'aws:PrincipalTag/team',
  ]);
  assert.deepEqual(evaluate({ identity: [p] }, req).missingContextKeys, ['aws:MultiFactorAuthPresent']);
  const present = request(BOB, 's3:GetObject', 'arn:aws:s3:::b/k', {
    'aws:MultiFactorAuthPresent': 'true',
    'aws:PrincipalTag/team': 'x',
  });
  assert.deepEqual(explain({ identity: [p] }, present), {
    effect: 'Allow',
    decidedBy: 'identity',
    matched: explain({ identity: [p] }, present).matched,
    missingContextKeys: [],
  });
  assert.equal(explain({ identity: [p] }, present).matched.length, 1);
});
