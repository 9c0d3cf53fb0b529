import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../policy/index.ts';
import {
  AWS_MANAGED,
  awsManagedPolicy,
  createAwsManagedCatalog,
  shippedSource,
  type CatalogSource,
  type IndexEntry,
} from './index.ts';

const REQUIRED = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'IAMFullAccess',
  'IAMReadOnlyAccess',
  'IAMUserChangePassword',
  'IAMSelfManageServiceSpecificCredentials',
  'AmazonS3FullAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonEC2FullAccess',
  'AmazonEC2ReadOnlyAccess',
  'AWSLambda_FullAccess',
  'AWSCloudFormationFullAccess',
  'CloudWatchLogsFullAccess',
  'job-function/ViewOnlyAccess',
  'job-function/DatabaseAdministrator',
  'job-function/SystemAdministrator',
  'job-function/NetworkAdministrator',
  'job-function/Billing',
  'job-function/DataScientist',
  'job-function/SupportUser',
];

/** A source that counts what it is asked for. */
function countingSource(entries: IndexEntry[], chunks: string[]): CatalogSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    index: () => (calls.push('index'), entries),
    chunk: (n) => (calls.push(`chunk ${n}`), chunks[n] ?? ''),
  };
}

describe('AWS managed policy catalog', () => {
  test('holds the policies the product needs, with documents that validate as identity policies', () => {
    for (const name of REQUIRED) {
      const policy = awsManagedPolicy(`arn:aws:iam::aws:policy/${name}`);
      assert.ok(policy, name);
      assert.equal(policy.arn, `arn:aws:iam::aws:policy/${name}`);
      assert.match(policy.policyId, /^ANPA[A-Z2-7]{17}$/);
      assert.match(policy.defaultVersionId, /^v[1-9][0-9]*$/);
      const result = validatePolicy(policy.document, 'identity', { size: false });
      assert.deepEqual(result.errors, [], name);
    }
  });

  test('AdministratorAccess allows everything, laid out as AWS shows it', () => {
    const policy = awsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
    assert.ok(policy);
    assert.equal(policy.path, '/');
    assert.equal(policy.defaultVersionId, 'v1');
    assert.deepEqual(policy.createDate, new Date('2015-02-06T18:39:46Z'));
    assert.match(policy.document, /^\{\n {4}"Version": "2012-10-17",\n {4}"Statement": \[/);
    assert.deepEqual(JSON.parse(policy.document), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['*'], Resource: '*' }],
    });
  });

  test('answers in the partition it is asked in; any other ARN is not in it', () => {
    const cn = awsManagedPolicy('arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess');
    assert.equal(cn?.arn, 'arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess');
    assert.equal(cn?.path, '/job-function/');
    for (const arn of [
      'arn:aws:iam::aws:policy/NoSuchPolicy',
      'arn:aws:iam::aws:policy/administratoraccess',
      'arn:aws:iam::123456789012:policy/AdministratorAccess',
      'arn:aws:iam::aws:role/AdministratorAccess',
      'arn:aws:s3::aws:policy/AdministratorAccess',
      'AdministratorAccess',
    ]) {
      assert.equal(awsManagedPolicy(arn), undefined, arn);
    }
  });

  test('lists every policy in name order with distinct ids', () => {
    const all = AWS_MANAGED.all();
    assert.equal(all.length, 1570);
    const names = all.map((p) => p.policyName);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'en')),
    );
    assert.equal(new Set(all.map((p) => p.policyId)).size, all.length);
  });

  test('reads nothing until asked, the index alone for lookups, one chunk per document', () => {
    const doc = (sid: string): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid }] });
    const a = doc('A');
    const b = doc('B');
    const entries: IndexEntry[] = [
      [
        'A',
        '/',
        'v1',
        '2020-01-01T00:00:00.000Z',
        '2020-01-02T00:00:00.000Z',
        'ANPAAAAAAAAAAAAAAAAAA',
        0,
        0,
        a.length,
      ],
      [
        'B',
        '/x/',
        'v3',
        '2020-01-01T00:00:00.000Z',
        '2021-01-01T00:00:00.000Z',
        'ANPABBBBBBBBBBBBBBBBB',
        1,
        3,
        b.length,
      ],
    ];
    const source = countingSource(entries, [a, `...${b}`]);
    const catalog = createAwsManagedCatalog(source);
    assert.deepEqual(source.calls, []);
    assert.deepEqual(catalog.loaded(), { index: false, chunks: 0 });

    const found = catalog.find('arn:aws:iam::aws:policy/x/B');
    assert.equal(found?.defaultVersionId, 'v3');
    assert.equal(catalog.all().length, 2);
    assert.deepEqual(source.calls, ['index']);
    assert.deepEqual(catalog.loaded(), { index: true, chunks: 0 });

    assert.ok(found);
    assert.equal(catalog.document(found), b);
    assert.equal(catalog.document(found), b);
    assert.deepEqual(source.calls, ['index', 'chunk 1']);
    const policy = awsManagedPolicy('arn:aws:iam::aws:policy/A', catalog);
    assert.equal(policy?.document, a);
    assert.deepEqual(source.calls, ['index', 'chunk 1', 'chunk 0']);
  });

  test('the shipped data: listing reads the index only; a document inflates one chunk', () => {
    const catalog = createAwsManagedCatalog(shippedSource);
    assert.deepEqual(catalog.loaded(), { index: false, chunks: 0 });
    const admin = catalog.find('arn:aws:iam::aws:policy/AdministratorAccess');
    assert.equal(catalog.all().length, 1570);
    assert.deepEqual(catalog.loaded(), { index: true, chunks: 0 });
    assert.ok(admin);
    assert.match(catalog.document(admin), /"Effect": "Allow"/);
    assert.deepEqual(catalog.loaded(), { index: true, chunks: 1 });
  });
});
