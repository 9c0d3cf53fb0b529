import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Caller, RequestFacts } from '../action.ts';
import { evaluationRequest } from './request-context.ts';

const facts: RequestFacts = {
  requestId: 'r',
  time: new Date('2026-01-02T03:04:05.678Z'),
  region: 'eu-west-1',
  partition: 'aws',
  sourceIp: '10.0.0.1',
  userAgent: 'aws-cli/2',
  secureTransport: false,
};

const bob: Caller = {
  kind: 'user',
  arn: 'arn:aws:iam::123456789012:user/eng/bob',
  accountId: '123456789012',
  accessKeyId: 'AKIAEXAMPLE',
  userId: 'AIDAEXAMPLEEXAMPLE000',
  userName: 'bob',
};

test('a user request carries the principal and the global condition keys', () => {
  const request = evaluationRequest({ caller: bob, permission: 'iam:GetUser', resource: bob.arn }, facts);
  assert.deepEqual(request, {
    principal: { type: 'User', arn: bob.arn, account: '123456789012', userId: 'AIDAEXAMPLEEXAMPLE000' },
    action: 'iam:GetUser',
    resource: bob.arn,
    context: {
      'aws:PrincipalArn': bob.arn,
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalType': 'User',
      'aws:userid': 'AIDAEXAMPLEEXAMPLE000',
      'aws:username': 'bob',
      'aws:CurrentTime': '2026-01-02T03:04:05.678Z',
      'aws:EpochTime': '1767323045',
      'aws:SourceIp': '10.0.0.1',
      'aws:SecureTransport': 'false',
      'aws:UserAgent': 'aws-cli/2',
      // IAM's one endpoint is in us-east-1, whatever region the request was signed for.
      'aws:RequestedRegion': 'us-east-1',
    },
  });
});

test('the root is the Account principal, its id the account id, with no aws:username', () => {
  const root: Caller = {
    kind: 'root',
    arn: 'arn:aws:iam::123456789012:root',
    accountId: '123456789012',
    accessKeyId: 'K',
  };
  const request = evaluationRequest({ caller: root, permission: 'iam:ListUsers', resource: '*' }, facts);
  assert.equal(request.principal.type, 'Account');
  assert.equal(request.context['aws:userid'], '123456789012');
  assert.equal(request.context['aws:PrincipalType'], 'Account');
  assert.equal('aws:username' in request.context, false);
});

test("the user's tags are aws:PrincipalTag/KEY; the action's keys join the global ones", () => {
  const request = evaluationRequest(
    {
      caller: bob,
      permission: 'iam:TagUser',
      resource: bob.arn,
      keys: { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'blue' },
    },
    facts,
    { tags: [{ key: 'Dept', value: 'eng' }] },
  );
  assert.equal(request.context['aws:PrincipalTag/Dept'], 'eng');
  assert.deepEqual(request.context['aws:TagKeys'], ['team']);
  assert.equal(request.context['aws:RequestTag/team'], 'blue');
});

test('aws:MultiFactorAuthPresent is absent for long-term keys (AWS: test it with BoolIfExists)', () => {
  const request = evaluationRequest({ caller: bob, permission: 'iam:GetUser', resource: bob.arn }, facts);
  assert.equal('aws:MultiFactorAuthPresent' in request.context, false);
});

test('aws:RequestedRegion is the signed region for STS, the partition home region for IAM', () => {
  const region = (permission: string, partition = 'aws') =>
    evaluationRequest({ caller: bob, permission, resource: '*' }, { ...facts, partition }).context[
      'aws:RequestedRegion'
    ];
  assert.equal(region('sts:GetCallerIdentity'), 'eu-west-1');
  assert.equal(region('iam:ListUsers'), 'us-east-1');
  assert.equal(region('iam:ListUsers', 'aws-cn'), 'cn-north-1');
  assert.equal(region('iam:ListUsers', 'aws-us-gov'), 'us-gov-west-1');
});
