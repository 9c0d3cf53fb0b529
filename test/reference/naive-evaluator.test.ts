// The oracle needs its own small check: if it were wrong, the property tests would chase ghosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arnMatch, globMatch, wildcardTokens } from './naive-glob.ts';
import { OPERATORS } from './naive-operators.ts';
import { substitute } from './naive-variables.ts';
import { naiveEvaluate } from './naive-evaluator.ts';
import type { EvaluationRequest } from '../../src/policy/types.ts';
import { loadCorpus } from '../conformance/policy/corpus.ts';

const env = { context: { 'aws:username': 'bob' }, version: '2012-10-17' };

test('globs: * spans anything, ? one character, case per flag', () => {
  assert.equal(globMatch(wildcardTokens('iam:*AccessKey*'), 'iam:CreateAccessKey', false), true);
  assert.equal(globMatch(wildcardTokens('iam:Get?ser'), 'iam:GetUser', false), true);
  assert.equal(globMatch(wildcardTokens('iam:Get?ser'), 'iam:GetUUser', false), false);
  assert.equal(globMatch(wildcardTokens('IAM:getuser'), 'iam:GetUser', true), true);
  assert.equal(globMatch(wildcardTokens('IAM:getuser'), 'iam:GetUser', false), false);
});

test('ARN matching is per field (User Guide ArnLike example)', () => {
  const pattern = wildcardTokens('arn:aws:someservice:*:111122223333:finance/*');
  const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
  assert.equal(globMatch(pattern, value, false), true);
  assert.equal(arnMatch(pattern, value), false);
  assert.equal(arnMatch(wildcardTokens('*'), value), true);
});

test('variables: substitution, defaults, escapes, literal in old versions', () => {
  const text = (s: string, ...version: unknown[]): string | undefined =>
    substitute(s, env.context, version.length > 0 ? version[0] : '2012-10-17', true)
      ?.map((t) => (typeof t === 'string' ? `<${t}>` : t.lit))
      .join('');
  assert.equal(text('home/${aws:username}/*'), 'home/bob/<*>');
  assert.equal(text('${AWS:UserName}'), 'bob');
  assert.equal(text('${aws:userid}'), undefined);
  assert.equal(text("${aws:userid, 'anon'}"), 'anon');
  assert.equal(text('a${*}b${?}c${$}'), 'a*b?c$');
  assert.equal(text('${aws:username}', '2008-10-17'), '${aws:username}');
  assert.equal(text('${aws:username}', undefined), '${aws:username}');
});

test('operators: numbers, dates, IPs', () => {
  const t = (op: string, req: string, pol: string): boolean | undefined => OPERATORS[op]?.test(req, pol, env);
  assert.equal(t('NumericLessThan', '5', '10'), true);
  assert.equal(t('NumericEquals', '10.0', '10'), true);
  assert.equal(t('DateLessThan', '2020-01-01T00:00:00Z', '1577836801'), true);
  assert.equal(t('IpAddress', '203.0.113.7', '203.0.113.0/24'), true);
  assert.equal(t('IpAddress', '203.0.114.7', '203.0.113.0/24'), false);
  assert.equal(t('IpAddress', '2001:db8:1234:5678::1', '2001:DB8:1234:5678::/64'), true);
  assert.equal(t('IpAddress', '2001:db8:1234:5679::1', '2001:DB8:1234:5678::/64'), false);
  assert.equal(t('IpAddress', '10.0.0.1', '10.0.0.1'), true);
});

const user = { type: 'User', arn: 'arn:aws:iam::111111111111:user/bob', account: '111111111111' } as const;
const req = (over: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
  principal: user,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key',
  context: {},
  ...over,
});
const doc = (effect: string, extra: object = {}): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Action: 's3:*', Resource: '*', ...extra }],
  });

test('decisions: deny wins, implicit deny names the missing kind', () => {
  const allow = { id: 'a', document: doc('Allow') };
  const deny = { id: 'd', document: doc('Deny') };
  assert.equal(naiveEvaluate({ identity: [allow] }, req()).effect, 'Allow');
  assert.equal(naiveEvaluate({ identity: [allow, deny] }, req()).effect, 'ExplicitDeny');
  assert.deepEqual(naiveEvaluate({ identity: [] }, req()).decidedBy, ['identity']);
  assert.deepEqual(naiveEvaluate({ identity: [allow], boundary: [] }, req()).decidedBy, ['boundary']);
  const grant = { id: 'r', document: doc('Allow', { Principal: { AWS: user.arn } }) };
  assert.equal(naiveEvaluate({ identity: [], resource: [grant], boundary: [] }, req()).effect, 'Allow');
  const cross = req({ resourceAccount: '222222222222' });
  assert.deepEqual(naiveEvaluate({ identity: [], resource: [grant] }, cross).decidedBy, ['identity']);
  assert.equal(naiveEvaluate({ identity: [allow], resource: [grant] }, cross).effect, 'Allow');
});

// The conformance corpus encodes AWS's documented behaviour; the oracle must agree with all of it.
test('the naive evaluator agrees with every conformance case', () => {
  const failures = loadCorpus().flatMap((c) => {
    const got = naiveEvaluate(c.policies, c.request);
    const decided = c.expect.decidedBy === undefined || got.decidedBy.includes(c.expect.decidedBy);
    const matched = (c.expect.matched ?? []).every((e) =>
      got.applicable.some(
        (a) => a.kind === e.kind && a.policy === e.policy && a.statement === e.statement && a.sid === e.sid,
      ),
    );
    return got.effect === c.expect.effect && decided && matched
      ? []
      : [`${c.file} ${c.id}: got ${got.effect} by ${got.decidedBy.join('|')}`];
  });
  assert.deepEqual(failures, []);
});
