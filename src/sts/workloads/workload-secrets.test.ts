import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createIds } from '../../core/index.ts';
import {
  hashWorkloadToken,
  newWorkloadId,
  newWorkloadToken,
  WORKLOAD_ID,
  workloadTokenMatches,
} from './workload-secrets.ts';

const ids = createIds((n) => randomBytes(n));

test('workload ids look like EC2 instance ids; tokens are long and distinct', () => {
  for (let i = 0; i < 50; i++) assert.match(newWorkloadId(ids), WORKLOAD_ID);
  const tokens = new Set(Array.from({ length: 50 }, () => newWorkloadToken(ids)));
  assert.equal(tokens.size, 50);
  for (const token of tokens) assert.match(token, /^wdnwl-[A-Za-z0-9_-]{43}$/);
});

test('a token matches only its own hash', () => {
  const token = newWorkloadToken(ids);
  const hash = hashWorkloadToken(token);
  assert.match(hash, /^[0-9a-f]{64}$/);
  const cases: [string, string | undefined, string, boolean][] = [
    ['itself', token, hash, true],
    ['another token', newWorkloadToken(ids), hash, false],
    ['a prefix', token.slice(0, -1), hash, false],
    ['missing', undefined, hash, false],
    ['empty', '', hashWorkloadToken(''), false],
    ['a garbled stored hash', token, 'zz', false],
  ];
  for (const [name, presented, stored, expected] of cases) {
    assert.equal(workloadTokenMatches(presented, stored), expected, name);
  }
});
