import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamArn, parseArn, partitionOfRegion } from './arn.ts';

test('parseArn keeps colons inside the resource part', () => {
  assert.deepEqual(parseArn('arn:aws:s3:::bucket/a:b'), {
    partition: 'aws',
    service: 's3',
    region: '',
    account: '',
    resource: 'bucket/a:b',
  });
});

test('parseArn rejects text that is not an ARN', () => {
  for (const text of ['', 'arn:aws', 'urn:aws:iam::1:user/x', 'arn::iam::1:user/x']) {
    assert.equal(parseArn(text), undefined, text);
  }
});

test('iamArn puts the path between type and name', () => {
  assert.equal(
    iamArn('aws', '123456789012', 'user', '/eng/', 'bob'),
    'arn:aws:iam::123456789012:user/eng/bob',
  );
  assert.equal(iamArn('aws', '123456789012', 'user', '/', 'bob'), 'arn:aws:iam::123456789012:user/bob');
});

test('partitionOfRegion follows the region prefix', () => {
  assert.equal(partitionOfRegion('us-east-1'), 'aws');
  assert.equal(partitionOfRegion('cn-north-1'), 'aws-cn');
  assert.equal(partitionOfRegion('us-gov-west-1'), 'aws-us-gov');
});
