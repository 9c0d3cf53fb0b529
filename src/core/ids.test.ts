import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createIds } from './ids.ts';

const ids = createIds((n) => randomBytes(n));

test('ids have the AWS formats', () => {
  assert.match(ids.uniqueId('AIDA'), /^AIDA[A-Z2-7]{17}$/);
  assert.match(ids.accessKeyId('AKIA'), /^AKIA[A-Z2-7]{16}$/);
  assert.match(ids.secretAccessKey(), /^[A-Za-z0-9/+]{40}$/);
  assert.match(ids.requestId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('request ids come from the UUID source when one is given', () => {
  const withUuid = createIds(
    (n) => randomBytes(n),
    () => '00000000-0000-4000-8000-000000000001',
  );
  assert.equal(withUuid.requestId(), '00000000-0000-4000-8000-000000000001');
});

test('ids do not repeat', () => {
  const seen = new Set(Array.from({ length: 1000 }, () => ids.accessKeyId('AKIA')));
  assert.equal(seen.size, 1000);
});
