import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globCovers } from './lint-glob.ts';

const cases: [string, string, boolean, boolean][] = [
  // [pattern, subject, ignoreCase, covers]
  ['s3:*', 's3:GetObject', true, true],
  ['s3:get*', 'S3:GetObject', true, true],
  ['s3:get*', 'S3:GetObject', false, false],
  ['s3:*', 's3:Get*', true, true],
  ['s3:Get?', 's3:Get*', true, false],
  ['s3:Get?', 's3:GetX', true, true],
  ['s3:Get?', 's3:Get?', true, true],
  ['*', '', true, true],
  ['a*b*c', 'aXbYc', false, true],
  ['a*b*c', 'aXbY', false, false],
  ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/*', false, true],
  ['arn:aws:s3:::b/*', 'arn:aws:s3:::c/x', false, false],
];

for (const [pattern, subject, ignoreCase, covers] of cases) {
  test(`globCovers(${pattern}, ${subject}, ${ignoreCase}) = ${covers}`, () => {
    assert.equal(globCovers(pattern, subject, ignoreCase), covers);
  });
}

test('hostile patterns stay fast', () => {
  const started = performance.now();
  assert.equal(globCovers('*a'.repeat(200) + 'b', 'a'.repeat(5000), false), false);
  assert.ok(performance.now() - started < 2000);
});
