import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlinePolicySizeRule, policySize, SIZE_RULES } from './size.ts';

const cases: [string, string, number][] = [
  ['empty', '', 0],
  ['white space outside strings is free', ' {\n\t"a" :\r\n 1 } ', 7],
  ['white space inside strings counts', '{"a b":"c d"}', 13],
  ['escaped quote does not end the string', '{"a":"x\\" y"}', 13],
  ['escaped backslash before the closing quote', '{"a":"x\\\\" , "b":1}', 17],
  ['invalid JSON is counted the same way', '{ "unterminated   ', 17],
];

for (const [name, text, size] of cases) {
  test(`policySize: ${name}`, () => assert.equal(policySize(text), size));
}

test('limits per kind as AWS documents them', () => {
  assert.equal(SIZE_RULES.identity?.limit, 6144);
  assert.equal(SIZE_RULES.boundary?.limit, 6144);
  assert.equal(SIZE_RULES.trust?.limit, 2048);
  assert.equal(SIZE_RULES.session?.limit, 2048);
  assert.equal(SIZE_RULES.resource, undefined);
});

test('inline aggregate rules name the entity', () => {
  assert.deepEqual(inlinePolicySizeRule('user', 'alice'), {
    limit: 2048,
    message: 'Maximum policy size of 2048 bytes exceeded for user alice',
  });
  assert.equal(inlinePolicySizeRule('group', 'g').limit, 5120);
  assert.equal(
    inlinePolicySizeRule('role', 'r').message,
    'Maximum policy size of 10240 bytes exceeded for role r',
  );
});
