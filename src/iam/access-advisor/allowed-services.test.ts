import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedServices } from './allowed-services.ts';
import { serviceNameOf, type ServiceCatalog } from './service-catalog.ts';

const CATALOG: Record<string, string[]> = {
  iam: ['GetUser', 'ListUsers', 'PassRole'],
  s3: ['GetObject', 'PutObject'],
  sts: ['AssumeRole'],
  'ec2-instance-connect': ['SendSSHPublicKey'],
};

const catalog: ServiceCatalog = {
  namespaces: () => Promise.resolve(Object.keys(CATALOG)),
  actionsOf: (ns) => Promise.resolve(CATALOG[ns] ?? []),
  nameOf: (ns) => Promise.resolve(ns),
};

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (more: object) => ({ Effect: 'Allow', Resource: '*', ...more });

const CASES: [string, string[], Record<string, string[]>][] = [
  ['no policy allows nothing', [], {}],
  ['Action * allows every service', [doc(allow({ Action: '*' }))], CATALOG],
  [
    'a service wildcard allows all its actions; names match case-insensitively',
    [doc(allow({ Action: ['S3:*', 'iam:getuser'] }))],
    { iam: ['GetUser'], s3: ['GetObject', 'PutObject'] },
  ],
  ['an action wildcard', [doc(allow({ Action: 'iam:List*' }))], { iam: ['ListUsers'] }],
  [
    'a wildcard in the service prefix',
    [doc(allow({ Action: 'ec2*:*' }))],
    { 'ec2-instance-connect': ['SendSSHPublicKey'] },
  ],
  [
    'NotAction allows every action it does not name',
    [doc(allow({ NotAction: ['iam:*', 's3:Get*'] }))],
    { s3: ['PutObject'], sts: ['AssumeRole'], 'ec2-instance-connect': ['SendSSHPublicKey'] },
  ],
  [
    'Deny statements do not remove a service (AWS lists what permissions policies allow)',
    [doc(allow({ Action: 'sts:AssumeRole' }), { Effect: 'Deny', Action: 'sts:*', Resource: '*' })],
    { sts: ['AssumeRole'] },
  ],
  [
    'several documents add up; an unknown service is not listed',
    [doc(allow({ Action: 'sts:AssumeRole' })), doc(allow({ Action: ['iam:PassRole', 'nope:Do'] }))],
    { iam: ['PassRole'], sts: ['AssumeRole'] },
  ],
  ['an unparsable document allows nothing', ['{not json'], {}],
];

test('allowedServices: the services, and their actions, that Allow statements grant', async () => {
  for (const [name, documents, expected] of CASES) {
    const got = await allowedServices(documents, catalog);
    assert.deepEqual(Object.fromEntries(got), expected, name);
  }
});

test('serviceNameOf drops the abbreviation of the reference title', () => {
  assert.equal(
    serviceNameOf('AWS Identity and Access Management (IAM)'),
    'AWS Identity and Access Management',
  );
  assert.equal(serviceNameOf('Amazon S3'), 'Amazon S3');
});
