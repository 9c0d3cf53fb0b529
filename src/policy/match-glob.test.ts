import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlob, compileGlobParts, matchGlob, matchGlobRange } from './match-glob.ts';

const cases: [pattern: string, subject: string, expected: boolean][] = [
  ['*', '', true],
  ['*', 'anything:at/all', true],
  ['', '', true],
  ['', 'a', false],
  ['s3:getobject', 's3:getobject', true],
  ['s3:getobject', 's3:getobjects', false],
  ['s3:get*', 's3:getobject', true],
  ['s3:get*', 's3:get', true],
  ['s3:get*', 's3:put', false],
  ['*object', 's3:getobject', true],
  ['*object', 'object', true],
  ['*object', 's3:getobjects', false],
  ['*access*', 'iam:createaccesskey', true],
  ['*access*', 'access', true],
  ['*access*', 'acces', false],
  ['s3:get*tagging', 's3:getobjecttagging', true],
  ['s3:get*tagging', 's3:gettagging', true],
  ['s3:get*tagging', 's3:getagging', false],
  ['ab*ba', 'aba', false],
  ['ab*ba', 'abba', true],
  ['iam:?etuser', 'iam:getuser', true],
  ['iam:?etuser', 'iam:etuser', false],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['a*b*c', 'aXXbYYc', true],
  ['a*b*c', 'aXXcYYb', false],
  ['*a*b', 'xaxbxb', true],
  ['a**b', 'ab', true],
  ['?*', '', false],
  ['?*', 'x', true],
  ['***', '', true],
  // `*`-only patterns with several inner runs.
  ['a*b*c', 'abc', true],
  ['a*bc*bc', 'abcbc', true],
  ['a*b*b', 'ab', false],
  ['x*ab*ab', 'xab', false],
  ['x*ab*ab', 'xabab', true],
  ['*a*b*', 'ba', false],
  ['*a*b*', 'xaybz', true],
  ['app-*/*/x', 'app-1/2/3/x', true],
  ['app-*/*/x', 'app-1/x', false],
  // Regex metacharacters are plain characters.
  ['a.b', 'axb', false],
  ['a.b', 'a.b', true],
  ['(x)+[y]', '(x)+[y]', true],
  ['^$', '^$', true],
];

test('glob patterns match like IAM wildcards', () => {
  for (const [pattern, subject, expected] of cases) {
    assert.equal(matchGlob(compileGlob(pattern), subject), expected, `${pattern} vs ${subject}`);
  }
});

test('a glob matches a range of the subject in place', () => {
  const s = 'xx:hello-world:yy';
  assert.equal(matchGlobRange(compileGlob('hello*'), s, 3, 14), true);
  assert.equal(matchGlobRange(compileGlob('*world'), s, 3, 14), true);
  assert.equal(matchGlobRange(compileGlob('*yy'), s, 3, 14), false);
  assert.equal(matchGlobRange(compileGlob('*o-w*'), s, 3, 14), true);
  assert.equal(matchGlobRange(compileGlob('*:yy*'), s, 3, 14), false);
  assert.equal(matchGlobRange(compileGlob('h?llo*d'), s, 3, 14), true);
});

test('literal parts keep * and ? literal', () => {
  const g = compileGlobParts([
    { text: 'home/', literal: false },
    { text: 'a*b?', literal: true },
    { text: '/*', literal: false },
  ]);
  assert.equal(matchGlob(g, 'home/a*b?/x'), true);
  assert.equal(matchGlob(g, 'home/aXXb1/x'), false);
  assert.equal(matchGlob(compileGlobParts([{ text: '*', literal: true }]), '*'), true);
  assert.equal(matchGlob(compileGlobParts([{ text: '*', literal: true }]), 'x'), false);
});
