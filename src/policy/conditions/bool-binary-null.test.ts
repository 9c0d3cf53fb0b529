import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, holds, type Row } from './condition-test-kit.ts';

test('Bool: true/false as strings or JSON booleans, any case', () => {
  const S = 'aws:SecureTransport';
  const rows: Row[] = [
    ['Bool', S, 'true', 'true', true],
    ['Bool', S, true, 'true', true],
    ['Bool', S, 'false', 'true', false],
    ['Bool', S, 'True', 'true', true],
    ['Bool', S, 'true', 'TRUE', true],
    ['Bool', S, 'true', 'yes', false],
    ['Bool', S, 'true', undefined, false],
    ['BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', undefined, true],
    ['BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', 'true', false],
  ];
  assert.deepEqual(failures(rows), []);
});

test('BinaryEquals compares the base64-decoded bytes', () => {
  const B = 'x:bin';
  const rows: Row[] = [
    ['BinaryEquals', B, 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', true],
    ['BinaryEquals', B, 'QmluYXJ5', 'QmluYXJ5', true],
    ['BinaryEquals', B, 'QmluYXJ5', 'QmluYXJ6', false],
    ['BinaryEquals', B, 'QmluYXJ5', 'not base64!', false],
    ['BinaryEquals', B, 'QmluYXJ5', undefined, false],
    ['BinaryEqualsIfExists', B, 'QmluYXJ5', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('Null: "true" holds when the key is absent, "false" when present', () => {
  const K = 'aws:TokenIssueTime';
  const rows: Row[] = [
    ['Null', K, 'true', undefined, true],
    ['Null', K, 'true', '2020-01-01T00:00:00Z', false],
    ['Null', K, 'false', '2020-01-01T00:00:00Z', true],
    ['Null', K, 'false', undefined, false],
    ['Null', K, true, undefined, true],
    ['Null', 'aws:TagKeys', 'true', [], true],
    ['Null', 'aws:TagKeys', 'false', ['a'], true],
    ['Null', K, ['true', 'false'], undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('pairing Null false with ForAllValues closes the empty-set hole', () => {
  const block = {
    'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] },
    Null: { 'aws:TagKeys': 'false' },
  };
  assert.equal(holds(block, {}), false);
  assert.equal(holds(block, { 'aws:TagKeys': ['a'] }), true);
  assert.equal(holds(block, { 'aws:TagKeys': ['a', 'c'] }), false);
});
