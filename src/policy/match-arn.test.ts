import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileArnPattern, matchArn } from './match-arn.ts';

const cases: [pattern: string, value: string, expected: boolean][] = [
  ['*', 'arn:aws:s3:::bucket', true],
  ['*', '*', true],
  ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket', true],
  ['arn:aws:s3:::bucket', 'arn:aws:s3:::Bucket', false],
  ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', true],
  ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
  ['arn:aws:iam::123456789012:user/*', 'arn:aws:iam::123456789012:user/JohnDoe', true],
  [
    'arn:aws:iam::123456789012:user/*',
    'arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe',
    true,
  ],
  ['arn:aws:iam::123456789012:user/division_abc*', 'arn:aws:iam::123456789012:user/JohnDoe', false],
  [
    'arn:aws:iam::123456789012:user/division_abc*',
    'arn:aws:iam::123456789012:user/division_abc/x/JaneDoe',
    true,
  ],
  // The User Guide's example: ArnLike compares the account field, StringLike would not.
  [
    'arn:aws:someservice:*:111122223333:finance/*',
    'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
    false,
  ],
  [
    'arn:aws:someservice:*:111122223333:finance/*',
    'arn:aws:someservice:us-east-2:111122223333:finance/x',
    true,
  ],
  ['arn:aws:dynamodb:*:123456789012:table/*', 'arn:aws:dynamodb:us-east-1:123456789012:table/prod', true],
  ['arn:aws:dynamodb:*:123456789012:table/*', 'arn:aws:dynamodb:us-east-1:999999999999:table/prod', false],
  // A wildcard in a field does not cross a colon.
  ['arn:aws:*::123456789012:x', 'arn:aws:s3:us-east-1:123456789012:x', false],
  ['arn:aws:*:*:123456789012:x', 'arn:aws:s3:us-east-1:123456789012:x', true],
  ['arn:aws:s3*:123456789012:x', 'arn:aws:s3:us-east-1:123456789012:x', true],
  ['arn:*:iam::*:role/?dmin', 'arn:aws:iam::123456789012:role/admin', true],
  ['arn:*:iam::*:role/?dmin', 'arn:aws:iam::123456789012:role/aadmin', false],
  ['arn:aws:iam::*:*', 'arn:aws:iam::123456789012:role/admin', true],
  // Values with fewer than six fields match six-field patterns never.
  ['arn:aws:iam::*:*', 'arn:aws:iam', false],
  ['arn:aws:s3:::*', '*', false],
  ['arn:aws:s3:::*', 'arn:aws:s3:::', true],
  // Not an ARN pattern: the whole string is one glob.
  ['arn:*', 'arn:aws:s3:::b', true],
];

test('ARN patterns match field by field, case-sensitively', () => {
  for (const [pattern, value, expected] of cases) {
    assert.equal(matchArn(compileArnPattern(pattern), value), expected, `${pattern} vs ${value}`);
  }
});
