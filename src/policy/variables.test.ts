import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holds } from './conditions/condition-test-kit.ts';
import { ACCOUNT, allow, outcome, policy, request, user } from './evaluate-test-kit.ts';
import { parseTemplate } from './variables.ts';

test('parseTemplate splits text, escapes and variables with defaults', () => {
  assert.equal(parseTemplate('home/bob/*'), undefined);
  assert.deepEqual(parseTemplate('home/${aws:username}/*')?.parts, [
    { kind: 'text', text: 'home/' },
    { kind: 'variable', variable: { key: 'aws:username', keyLower: 'aws:username', fallback: undefined } },
    { kind: 'text', text: '/*' },
  ]);
  assert.deepEqual(parseTemplate("${aws:PrincipalTag/team, 'company-wide'}")?.parts, [
    {
      kind: 'variable',
      variable: { key: 'aws:PrincipalTag/team', keyLower: 'aws:principaltag/team', fallback: 'company-wide' },
    },
  ]);
  assert.deepEqual(parseTemplate('a${*}b${?}c${$}d')?.parts, [
    { kind: 'text', text: 'a' },
    { kind: 'literal', text: '*' },
    { kind: 'text', text: 'b' },
    { kind: 'literal', text: '?' },
    { kind: 'text', text: 'c' },
    { kind: 'literal', text: '$' },
    { kind: 'text', text: 'd' },
  ]);
  assert.equal(parseTemplate('a${*}b')?.dynamic, false);
  assert.deepEqual(parseTemplate('x${}y${unterminated')?.parts, [
    { kind: 'text', text: 'x${' },
    { kind: 'text', text: '}y${unterminated' },
  ]);
});

const BOB = user('bob');
const home = (name: string) => `arn:aws:s3:::home/${name}/file.txt`;

test('variables in Resource are substituted in 2012-10-17 documents only', () => {
  const statement = allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*');
  const ctx = { 'aws:username': 'bob' };
  const v2012 = policy('identity', [statement]);
  const v2008 = policy('identity', [statement], '2008-10-17');
  const none = policy('identity', [statement], null);
  assert.deepEqual(outcome({ identity: [v2012] }, request(BOB, 's3:GetObject', home('bob'), ctx)), [
    'Allow',
    'identity',
  ]);
  assert.deepEqual(outcome({ identity: [v2012] }, request(BOB, 's3:GetObject', home('alice'), ctx)), [
    'ImplicitDeny',
    'identity',
  ]);
  for (const literal of [v2008, none]) {
    assert.equal(
      outcome({ identity: [literal] }, request(BOB, 's3:GetObject', home('bob'), ctx))[0],
      'ImplicitDeny',
    );
    assert.equal(
      outcome({ identity: [literal] }, request(BOB, 's3:GetObject', home('${aws:username}'), ctx))[0],
      'Allow',
    );
  }
});

test('variable names are case-insensitive; an unresolvable one matches nothing; defaults fill in', () => {
  const p = policy('identity', [allow('s3:GetObject', 'arn:aws:s3:::home/${AWS:UserName}/*')]);
  assert.equal(
    outcome({ identity: [p] }, request(BOB, 's3:GetObject', home('bob'), { 'aws:username': 'bob' }))[0],
    'Allow',
  );
  assert.equal(outcome({ identity: [p] }, request(BOB, 's3:GetObject', home('bob'), {}))[0], 'ImplicitDeny');
  const withDefault = policy('identity', [
    allow('s3:GetObject', "arn:aws:s3:::home/${aws:PrincipalTag/team, 'shared'}/*"),
  ]);
  assert.equal(
    outcome({ identity: [withDefault] }, request(BOB, 's3:GetObject', home('shared'), {}))[0],
    'Allow',
  );
  const tagged = { 'aws:PrincipalTag/team': 'eng' };
  assert.equal(
    outcome({ identity: [withDefault] }, request(BOB, 's3:GetObject', home('eng'), tagged))[0],
    'Allow',
  );
  assert.equal(
    outcome({ identity: [withDefault] }, request(BOB, 's3:GetObject', home('shared'), tagged))[0],
    'ImplicitDeny',
  );
  // A multi-valued key cannot be a variable.
  const multi = policy('identity', [allow('s3:GetObject', 'arn:aws:s3:::home/${aws:TagKeys}/*')]);
  assert.equal(
    outcome({ identity: [multi] }, request(BOB, 's3:GetObject', home('a'), { 'aws:TagKeys': ['a'] }))[0],
    'ImplicitDeny',
  );
});

test('substituted text is literal: a * in a user name is not a wildcard', () => {
  const p = policy('identity', [allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*')]);
  const star = { 'aws:username': '*' };
  assert.equal(
    outcome({ identity: [p] }, request(BOB, 's3:GetObject', home('alice'), star))[0],
    'ImplicitDeny',
  );
  assert.equal(outcome({ identity: [p] }, request(BOB, 's3:GetObject', home('*'), star))[0], 'Allow');
});

test('escapes ${*} ${?} ${$} make literal characters', () => {
  const p = policy('identity', [allow('s3:GetObject', 'arn:aws:s3:::b/${*}${?}${$}x')]);
  assert.equal(outcome({ identity: [p] }, request(BOB, 's3:GetObject', 'arn:aws:s3:::b/*?$x'))[0], 'Allow');
  assert.equal(
    outcome({ identity: [p] }, request(BOB, 's3:GetObject', 'arn:aws:s3:::b/ab$x'))[0],
    'ImplicitDeny',
  );
});

test('variables are substituted only in the resource field of an ARN', () => {
  const p = policy('identity', [
    allow('iam:GetUser', 'arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}'),
  ]);
  const ctx = { 'aws:PrincipalAccount': ACCOUNT, 'aws:username': 'bob' };
  assert.equal(
    outcome({ identity: [p] }, request(BOB, 'iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/bob`, ctx))[0],
    'ImplicitDeny',
  );
});

test('variables in String and ARN condition values, not in other operators', () => {
  const ctx = {
    'aws:username': 'bob',
    's3:prefix': 'home/bob/',
    'aws:PrincipalTag/owner': 'bob',
    'x:n': '5',
    'x:limit': '5',
  };
  assert.equal(holds({ StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } }, ctx), true);
  assert.equal(holds({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, ctx), true);
  assert.equal(
    holds({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { ...ctx, 'aws:username': 'b*' }),
    false,
  );
  assert.equal(
    holds(
      { StringEqualsIgnoreCase: { 'aws:PrincipalTag/owner': '${aws:username}' } },
      { ...ctx, 'aws:username': 'BOB' },
    ),
    true,
  );
  assert.equal(
    holds(
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/${aws:username}' } },
      { ...ctx, 'aws:PrincipalArn': BOB.arn },
    ),
    true,
  );
  assert.equal(holds({ NumericEquals: { 'x:n': '${x:limit}' } }, ctx), false);
  // Unresolvable: a positive operator fails, a negated one holds.
  assert.equal(
    holds({ StringEquals: { 'aws:PrincipalTag/owner': '${aws:PrincipalTag/missing}' } }, ctx),
    false,
  );
  assert.equal(
    holds({ StringNotEquals: { 'aws:PrincipalTag/owner': '${aws:PrincipalTag/missing}' } }, ctx),
    true,
  );
  // Version 2008-10-17: literal.
  assert.equal(
    holds({ StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } }, ctx, '2008-10-17'),
    false,
  );
  assert.equal(
    holds({ StringEquals: { 'x:v': '${aws:username}' } }, { 'x:v': '${aws:username}' }, '2008-10-17'),
    true,
  );
  assert.equal(holds({ StringLike: { 'x:v': 'a${*}' } }, { 'x:v': 'a*' }), true);
  assert.equal(holds({ StringLike: { 'x:v': 'a${*}' } }, { 'x:v': 'ab' }), false);
});
