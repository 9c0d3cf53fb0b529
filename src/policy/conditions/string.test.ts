import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, holds, type Row } from './condition-test-kit.ts';

const U = 'aws:username';

test('StringEquals / StringNotEquals: exact, case-sensitive, values OR-ed, negation NOR', () => {
  const rows: Row[] = [
    ['StringEquals', U, 'bob', 'bob', true],
    ['StringEquals', U, 'bob', 'Bob', false],
    ['StringEquals', U, 'bob', undefined, false],
    ['StringEquals', U, ['alice', 'bob'], 'bob', true],
    ['StringEquals', U, ['alice', 'bob'], 'carol', false],
    ['StringEquals', U, 'b*', 'bob', false],
    ['StringEquals', 'ec2:count', 5, '5', true],
    ['StringEquals', 'x:flag', true, 'true', true],
    ['StringNotEquals', U, 'alice', 'bob', true],
    ['StringNotEquals', U, 'bob', 'bob', false],
    ['StringNotEquals', U, ['alice', 'bob'], 'bob', false],
    ['StringNotEquals', U, ['alice', 'bob'], 'carol', true],
    ['StringNotEquals', U, 'bob', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('StringEqualsIgnoreCase / StringNotEqualsIgnoreCase', () => {
  const rows: Row[] = [
    ['StringEqualsIgnoreCase', U, 'BOB', 'bob', true],
    ['StringEqualsIgnoreCase', U, 'bob', 'BoB', true],
    ['StringEqualsIgnoreCase', U, 'bob', 'bobby', false],
    ['StringEqualsIgnoreCase', U, 'bob', undefined, false],
    ['StringNotEqualsIgnoreCase', U, 'BOB', 'bob', false],
    ['StringNotEqualsIgnoreCase', U, ['ALICE', 'BOB'], 'carol', true],
    ['StringNotEqualsIgnoreCase', U, 'bob', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('StringLike / StringNotLike: * and ? anywhere, case-sensitive', () => {
  const rows: Row[] = [
    ['StringLike', U, 'b*', 'bob', true],
    ['StringLike', U, 'B*', 'bob', false],
    ['StringLike', U, '?ob', 'bob', true],
    ['StringLike', U, '?ob', 'ob', false],
    ['StringLike', U, '*o*', 'bob', true],
    ['StringLike', U, ['a*', 'c*'], 'bob', false],
    ['StringLike', U, 'bob', 'bob', true],
    ['StringLike', U, '*', undefined, false],
    ['StringNotLike', U, 'b*', 'bob', false],
    ['StringNotLike', U, ['a*', 'c*'], 'bob', true],
    ['StringNotLike', U, 'b*', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('IfExists: an absent key holds, a present one is tested normally', () => {
  const rows: Row[] = [
    ['StringEqualsIfExists', U, 'bob', undefined, true],
    ['StringEqualsIfExists', U, 'bob', 'bob', true],
    ['StringEqualsIfExists', U, 'bob', 'alice', false],
    ['StringNotEqualsIfExists', U, 'bob', undefined, true],
    ['StringNotEqualsIfExists', U, 'bob', 'bob', false],
    ['StringLikeIfExists', U, 'a*', undefined, true],
    ['StringNotLikeIfExists', U, 'b*', 'bob', false],
    ['StringEqualsIgnoreCaseIfExists', U, 'BOB', 'bob', true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('condition key names are case-insensitive, tag keys included', () => {
  assert.equal(holds({ StringEquals: { 'AWS:UserName': 'bob' } }, { 'aws:username': 'bob' }), true);
  assert.equal(holds({ StringEquals: { 'aws:username': 'bob' } }, { 'AWS:USERNAME': 'bob' }), true);
  assert.equal(
    holds({ StringEquals: { 'aws:PrincipalTag/Team': 'eng' } }, { 'aws:principaltag/team': 'eng' }),
    true,
  );
  // Values keep their case.
  assert.equal(
    holds({ StringEquals: { 'aws:PrincipalTag/team': 'Eng' } }, { 'aws:PrincipalTag/team': 'eng' }),
    false,
  );
});

test('several keys and several operators in one block are AND-ed', () => {
  const block = {
    StringEquals: { 'aws:username': 'bob', 'aws:PrincipalTag/team': 'eng' },
    StringLike: { 'x:y': 'a*' },
  };
  assert.equal(holds(block, { 'aws:username': 'bob', 'aws:PrincipalTag/team': 'eng', 'x:y': 'abc' }), true);
  assert.equal(holds(block, { 'aws:username': 'bob', 'aws:PrincipalTag/team': 'ops', 'x:y': 'abc' }), false);
  assert.equal(holds(block, { 'aws:username': 'bob', 'aws:PrincipalTag/team': 'eng' }), false);
});
