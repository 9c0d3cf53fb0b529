import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessDeniedMessage } from './access-denied.ts';
import type { DecidingKind, Decision, Effect } from './types.ts';

const decision = (effect: Effect, decidedBy: DecidingKind): Decision => ({
  effect,
  decidedBy,
  matched: [],
  missingContextKeys: [],
});

const USER = 'arn:aws:iam::123456789012:user/bob';
const ALICE = 'arn:aws:iam::123456789012:user/alice';
const HEAD = `User: ${USER} is not authorized to perform: iam:CreateUser on resource: ${ALICE}`;

const cases: [Effect, DecidingKind, string][] = [
  ['ImplicitDeny', 'identity', `${HEAD} because no identity-based policy allows the iam:CreateUser action`],
  ['ExplicitDeny', 'identity', `${HEAD} with an explicit deny in an identity-based policy`],
  ['ImplicitDeny', 'boundary', `${HEAD} because no permissions boundary allows the iam:CreateUser action`],
  ['ExplicitDeny', 'boundary', `${HEAD} with an explicit deny in a permissions boundary`],
  ['ImplicitDeny', 'session', `${HEAD} because no session policy allows the iam:CreateUser action`],
  ['ExplicitDeny', 'session', `${HEAD} with an explicit deny in a session policy`],
  ['ImplicitDeny', 'resource', `${HEAD} because no resource-based policy allows the iam:CreateUser action`],
  ['ExplicitDeny', 'resource', `${HEAD} with an explicit deny in a resource-based policy`],
  ['ImplicitDeny', 'trust', `${HEAD} because no role trust policy allows the iam:CreateUser action`],
  ['ExplicitDeny', 'trust', `${HEAD} with an explicit deny in the role trust policy`],
  ['ImplicitDeny', 'guardrail', `${HEAD} because no service control policy allows the iam:CreateUser action`],
  ['ExplicitDeny', 'guardrail', `${HEAD} with an explicit deny in a service control policy`],
  ['ImplicitDeny', 'none', HEAD],
];

test('the AccessDenied message names the deciding policy type as AWS does', () => {
  for (const [effect, kind, expected] of cases) {
    assert.equal(accessDeniedMessage(USER, 'iam:CreateUser', ALICE, decision(effect, kind)), expected);
  }
});

test('AWS examples: without a resource, a role session caller, ListUsers on its path', () => {
  assert.equal(
    accessDeniedMessage(
      'arn:aws:iam::123456789012:user/JohnDoe',
      'codecommit:ListRepositories',
      '',
      decision('ImplicitDeny', 'identity'),
    ),
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action',
  );
  assert.equal(
    accessDeniedMessage(
      'arn:aws:sts::123456789012:assumed-role/ops/i-0d9daf0baeff2d308',
      'sts:AssumeRole',
      'arn:aws:iam::123456789012:role/admin',
      decision('ImplicitDeny', 'trust'),
    ),
    'User: arn:aws:sts::123456789012:assumed-role/ops/i-0d9daf0baeff2d308 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/admin because no role trust policy allows the sts:AssumeRole action',
  );
  assert.equal(
    accessDeniedMessage(
      'arn:aws:iam::362454057659:user/x',
      'iam:ListUsers',
      'arn:aws:iam::362454057659:user/',
      decision('ImplicitDeny', 'identity'),
    ),
    'User: arn:aws:iam::362454057659:user/x is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::362454057659:user/ because no identity-based policy allows the iam:ListUsers action',
  );
});
