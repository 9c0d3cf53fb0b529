import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../policy/index.ts';
import { AWS_MANAGED } from './index.ts';

test('every shipped AWS managed policy passes the validator that guards CreatePolicy', () => {
  const rejected = AWS_MANAGED.all().flatMap((info) => {
    const result = validatePolicy(AWS_MANAGED.document(info), 'identity', { size: false });
    return result.errors.map((e) => `${info.policyName}: ${e.message}`);
  });
  assert.ok(AWS_MANAGED.all().length >= 1500);
  assert.deepEqual(rejected, [], 'AWS accepted these documents, so Warden must too');
});
