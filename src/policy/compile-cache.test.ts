import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PolicyCache } from './compile-cache.ts';
import { evaluate } from './evaluate.ts';
import { request, user } from './evaluate-test-kit.ts';

const text = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

test('compiles each (kind, id, text) once and evicts the least recently used', () => {
  const cache = new PolicyCache({ maxPolicies: 2 });
  const a = cache.compile(text('s3:*'), 'a', 'identity');
  assert.ok(a.ok);
  assert.equal(cache.compile(text('s3:*'), 'a', 'identity'), a);
  assert.notEqual(cache.compile(text('s3:*'), 'a', 'boundary'), a);
  cache.compile(text('s3:*'), 'a', 'identity'); // a is now the youngest
  cache.compile(text('ec2:*'), 'b', 'identity');
  assert.equal(cache.size.policies, 2);
  assert.equal(cache.compile(text('s3:*'), 'a', 'identity'), a);
  const bad = cache.compile('{', 'c', 'identity');
  assert.equal(bad.ok, false);
});

test('merges a set once and decides like the separate policies', () => {
  const cache = new PolicyCache();
  const compiled = ['s3:GetObject', 'ec2:*'].map((action, i) => {
    const result = cache.compile(text(action), `p${i}`, 'identity');
    assert.ok(result.ok);
    return result.policy;
  });
  const merged = cache.merge(compiled);
  assert.equal(cache.merge([...compiled]), merged);
  assert.notEqual(cache.merge([...compiled].reverse()), merged);
  assert.equal(cache.merge([compiled[0]!]), compiled[0]);
  const req = request(user('bob'), 'ec2:RunInstances');
  assert.deepEqual(evaluate({ identity: [merged] }, req), evaluate({ identity: compiled }, req));
  assert.equal(evaluate({ identity: [merged] }, req).matched[0]?.policy, 'p1');
});
