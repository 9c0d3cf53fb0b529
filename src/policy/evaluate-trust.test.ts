/** Role trust policies (spec 7.3 notes, 7.5): the trust policy must itself allow. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACCOUNT,
  allow,
  deny,
  grant,
  OTHER,
  outcome,
  policy,
  request,
  roleSession,
  service,
  user,
} from './evaluate-test-kit.ts';
import type { RequestPrincipal } from './types.ts';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;
const ASSUME = 'sts:AssumeRole';
const trust = (principal: unknown, extra: object = {}) => policy('trust', [grant(principal, ASSUME, extra)]);
const canAssume = () => policy('identity', [allow(ASSUME, ROLE)]);
const assume = (caller: RequestPrincipal, context = {}) => request(caller, ASSUME, ROLE, context, ACCOUNT);

test('same account: naming the caller suffices, naming the account needs an identity allow', () => {
  const bob = user('bob');
  const cases: [string, ReturnType<typeof policy>, ReturnType<typeof policy>[], [string, string]][] = [
    ['user ARN, no identity allow', trust({ AWS: bob.arn }), [], ['Allow', 'trust']],
    ['account only, no identity allow', trust({ AWS: ACCOUNT }), [], ['ImplicitDeny', 'identity']],
    [
      'account only, identity allows',
      trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
      [canAssume()],
      ['Allow', 'identity'],
    ],
    [
      'someone else, identity allows',
      trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/eve` }),
      [canAssume()],
      ['ImplicitDeny', 'trust'],
    ],
    [
      'trust denies',
      policy('trust', [
        grant({ AWS: bob.arn }, ASSUME),
        { ...deny(ASSUME), Resource: undefined, Principal: '*' },
      ]),
      [canAssume()],
      ['ExplicitDeny', 'trust'],
    ],
  ];
  for (const [name, trustPolicy, identity, expected] of cases) {
    assert.deepEqual(outcome({ identity, resource: [trustPolicy] }, assume(bob)), expected, name);
  }
});

test('a role session assuming another role (role chaining) is named by its role ARN or session ARN', () => {
  const session = roleSession('ops', 'alice');
  assert.deepEqual(outcome({ identity: [], resource: [trust({ AWS: session.roleArn })] }, assume(session)), [
    'Allow',
    'trust',
  ]);
  assert.deepEqual(outcome({ identity: [], resource: [trust({ AWS: session.arn })] }, assume(session)), [
    'Allow',
    'trust',
  ]);
  const narrowSession = policy('session', [allow('s3:*')]);
  assert.deepEqual(
    outcome(
      { identity: [], resource: [trust({ AWS: session.roleArn })], session: [narrowSession] },
      assume(session),
    ),
    ['ImplicitDeny', 'session'],
  );
});

test("across accounts the trust policy and the caller's identity policy must both allow", () => {
  const carol = user('carol', OTHER);
  const named = trust({ AWS: carol.arn });
  const byAccount = trust({ AWS: OTHER });
  const theirs = policy('identity', [allow(ASSUME, `arn:aws:iam::${ACCOUNT}:role/*`)]);
  const cases: [string, ReturnType<typeof policy>, ReturnType<typeof policy>[], [string, string]][] = [
    ['named, identity allows', named, [theirs], ['Allow', 'identity']],
    ['named, no identity allow', named, [], ['ImplicitDeny', 'identity']],
    ['account, identity allows', byAccount, [theirs], ['Allow', 'identity']],
    ['account, no identity allow', byAccount, [], ['ImplicitDeny', 'identity']],
    ['not named, identity allows', trust({ AWS: ACCOUNT }), [theirs], ['ImplicitDeny', 'trust']],
  ];
  for (const [name, trustPolicy, identity, expected] of cases) {
    assert.deepEqual(outcome({ identity, resource: [trustPolicy] }, assume(carol)), expected, name);
  }
});

test('service and web-identity principals, with conditions', () => {
  const ec2 = trust({ Service: 'ec2.amazonaws.com' });
  assert.deepEqual(outcome({ identity: [], resource: [ec2] }, assume(service('ec2.amazonaws.com'))), [
    'Allow',
    'trust',
  ]);
  assert.deepEqual(outcome({ identity: [], resource: [ec2] }, assume(service('lambda.amazonaws.com'))), [
    'ImplicitDeny',
    'trust',
  ]);
  const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
  const oidc = policy('trust', [
    {
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*:ref:refs/heads/main' },
      },
    },
  ]);
  const web: RequestPrincipal = {
    type: 'Anonymous',
    arn: 'web-identity',
    account: '',
    federatedProvider: provider,
  };
  const ctx = (sub: string) => ({
    'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    'token.actions.githubusercontent.com:sub': sub,
  });
  const req = (sub: string) => request(web, 'sts:AssumeRoleWithWebIdentity', ROLE, ctx(sub), ACCOUNT);
  assert.deepEqual(outcome({ identity: [], resource: [oidc] }, req('repo:acme/app:ref:refs/heads/main')), [
    'Allow',
    'trust',
  ]);
  assert.deepEqual(outcome({ identity: [], resource: [oidc] }, req('repo:evil/app:ref:refs/heads/main')), [
    'ImplicitDeny',
    'trust',
  ]);
});

test('sts:ExternalId condition in a cross-account trust policy', () => {
  const carol = user('carol', OTHER);
  const p = trust({ AWS: OTHER }, { Condition: { StringEquals: { 'sts:ExternalId': 'xyz-123' } } });
  const theirs = policy('identity', [allow('sts:*')]);
  assert.deepEqual(
    outcome({ identity: [theirs], resource: [p] }, assume(carol, { 'sts:ExternalId': 'xyz-123' })),
    ['Allow', 'identity'],
  );
  assert.deepEqual(
    outcome({ identity: [theirs], resource: [p] }, assume(carol, { 'sts:ExternalId': 'nope' })),
    ['ImplicitDeny', 'trust'],
  );
  assert.deepEqual(outcome({ identity: [theirs], resource: [p] }, assume(carol)), ['ImplicitDeny', 'trust']);
});
