import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { accountOfAccessKeyId } from './access-key-ids.ts';
import { createIds } from './ids.ts';

test("AWS's own key ids decode to their account (the published example)", () => {
  assert.equal(accountOfAccessKeyId('ASIAY34FZKBOKMUTVV7A'), '609629065308');
});

test('key ids Warden makes for an account carry it, whatever the random bits', () => {
  const ids = createIds((n) => randomBytes(n));
  for (const account of ['123456789012', '000000000001', '999999999999', '210987654321']) {
    for (const prefix of ['AKIA', 'ASIA'] as const) {
      const id = ids.accessKeyId(prefix, account);
      assert.match(id, new RegExp(`^${prefix}[A-Z2-7]{16}$`));
      assert.equal(accountOfAccessKeyId(id), account, id);
    }
  }
  const many = new Set(Array.from({ length: 500 }, () => ids.accessKeyId('AKIA', '123456789012')));
  assert.equal(many.size, 500);
});

test('ids that carry no account decode to nothing', () => {
  const cases = [
    'AKIAROOTTESTKEY00001', // not base32 (0 and 1): an operator-configured key
    'AKIAIOSFODNN7EXAMPLE', // the old format: the first bit is clear
    'test',
    'AKIAZZZZ',
    'AKIA' + '7'.repeat(16), // more than 12 digits
  ];
  for (const id of cases) assert.equal(accountOfAccessKeyId(id), undefined, id);
});
