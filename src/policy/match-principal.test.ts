import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PrincipalBlock, PrincipalType } from './ast.ts';
import { federatedUser, root, roleSession, service, user } from './evaluate-test-kit.ts';
import { compilePrincipal, Grant, principalGrant } from './match-principal.ts';
import type { RequestPrincipal } from './types.ts';

const span = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
  pointer: '',
};

function block(entries: Partial<Record<PrincipalType, string[]>> | '*'): PrincipalBlock {
  if (entries === '*') return { wildcard: true, span };
  const list = Object.entries(entries).map(([type, values]) => ({
    type: type as PrincipalType,
    values,
    span,
  }));
  return { wildcard: false, entries: list, span };
}

const A = '111111111111';
const bob = user('bob');
const session = roleSession('app', 's1');
const fed = federatedUser('fed', 'bob');

const cases: [string, PrincipalBlock, RequestPrincipal, Grant][] = [
  ['bare *', block('*'), bob, Grant.Direct],
  ['AWS *', block({ AWS: ['*'] }), session, Grant.Direct],
  ['user ARN', block({ AWS: [bob.arn] }), bob, Grant.Direct],
  ['user ARN is case-sensitive', block({ AWS: [`arn:aws:iam::${A}:user/Bob`] }), bob, Grant.None],
  ['no partial wildcards', block({ AWS: [`arn:aws:iam::${A}:user/*`] }), bob, Grant.None],
  ['account id', block({ AWS: [A] }), bob, Grant.Account],
  ['account root ARN', block({ AWS: [`arn:aws:iam::${A}:root`] }), session, Grant.Account],
  [
    'account root ARN names the root user too',
    block({ AWS: [`arn:aws:iam::${A}:root`] }),
    root(),
    Grant.Account,
  ],
  ['other account', block({ AWS: ['222222222222'] }), bob, Grant.None],
  ['user unique id', block({ AWS: ['AIDABOB'] }), bob, Grant.Direct],
  ['role ARN names its sessions', block({ AWS: [session.roleArn ?? ''] }), session, Grant.Limited],
  ['role unique id names its sessions', block({ AWS: ['AROAAPP'] }), session, Grant.Limited],
  ['session ARN', block({ AWS: [session.arn] }), session, Grant.Direct],
  ['other session ARN', block({ AWS: [`arn:aws:sts::${A}:assumed-role/app/s2`] }), session, Grant.None],
  ['federated-user ARN', block({ AWS: [fed.arn] }), fed, Grant.Direct],
  ['user behind a federated session', block({ AWS: [bob.arn] }), fed, Grant.Limited],
  ['strongest of several', block({ AWS: [A, bob.arn] }), bob, Grant.Direct],
  ['service', block({ Service: ['ec2.amazonaws.com'] }), service('ec2.amazonaws.com'), Grant.Direct],
  [
    'service is not an AWS principal',
    block({ AWS: ['ec2.amazonaws.com'] }),
    service('ec2.amazonaws.com'),
    Grant.None,
  ],
  ['canonical user names nobody here', block({ CanonicalUser: ['79a59df9'] }), bob, Grant.None],
];

test('principal elements name callers directly, through their role or user, or by account', () => {
  for (const [name, principal, caller, expected] of cases) {
    assert.equal(principalGrant(compilePrincipal(principal), caller), expected, name);
  }
  const web: RequestPrincipal = {
    type: 'Anonymous',
    arn: 'x',
    account: '',
    federatedProvider: 'accounts.google.com',
  };
  assert.equal(
    principalGrant(compilePrincipal(block({ Federated: ['accounts.google.com'] })), web),
    Grant.Direct,
  );
  assert.equal(
    principalGrant(compilePrincipal(block({ Federated: ['graph.facebook.com'] })), web),
    Grant.None,
  );
});
