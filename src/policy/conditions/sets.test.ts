/** ForAllValues: / ForAnyValue: and single-valued operators on multi-valued keys (IAM User Guide tables). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, type Row } from './condition-test-kit.ts';

const K = 'aws:TagKeys';

test('ForAnyValue: some request value passes; absent or empty is false', () => {
  const rows: Row[] = [
    ['ForAnyValue:StringEquals', K, ['a', 'b'], ['b', 'z'], true],
    ['ForAnyValue:StringEquals', K, ['a', 'b'], ['y', 'z'], false],
    ['ForAnyValue:StringEquals', K, ['a', 'b'], 'a', true],
    ['ForAnyValue:StringEquals', K, ['a', 'b'], undefined, false],
    ['ForAnyValue:StringEquals', K, ['a', 'b'], [], false],
    ['ForAnyValue:StringLike', K, 'team*', ['owner', 'team-a'], true],
    // Negated inner test: some request value differs from all the policy values.
    ['ForAnyValue:StringNotEquals', K, 'a', ['a', 'b'], true],
    ['ForAnyValue:StringNotEquals', K, 'a', ['a'], false],
    ['ForAnyValue:StringNotEquals', K, 'a', undefined, false],
    ['ForAnyValue:StringEqualsIfExists', K, 'a', undefined, true],
    ['ForAnyValue:StringNotLikeIfExists', K, 'a*', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('ForAllValues: every request value passes; absent or empty is true', () => {
  const rows: Row[] = [
    ['ForAllValues:StringEquals', K, ['a', 'b', 'c'], ['a', 'b'], true],
    ['ForAllValues:StringEquals', K, ['a', 'b', 'c'], ['a', 'x'], false],
    ['ForAllValues:StringEquals', K, ['a', 'b'], undefined, true],
    ['ForAllValues:StringEquals', K, ['a', 'b'], [], true],
    ['ForAllValues:StringEquals', K, [], ['a'], false],
    ['ForAllValues:StringEqualsIgnoreCase', K, ['A', 'B'], ['a', 'b'], true],
    // The User Guide's table for ForAllValues:StringNotLike "key1*".
    ['ForAllValues:StringNotLike', K, 'key1*', ['key1:legal'], false],
    ['ForAllValues:StringNotLike', K, 'key1*', ['key1:hr', 'key1:personnel'], false],
    ['ForAllValues:StringNotLike', K, 'key1*', ['key2:audit'], true],
    ['ForAllValues:StringNotLike', K, 'key1*', undefined, true],
    ['ForAllValues:StringNotLike', K, 'key1*', ['key2:audit', 'key1:x'], false],
    ['ForAllValues:StringLikeIfExists', K, 'a*', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('set modifiers wrap every operator family', () => {
  const rows: Row[] = [
    ['ForAnyValue:IpAddress', 'x:ips', '10.0.0.0/8', ['192.168.0.1', '10.1.1.1'], true],
    ['ForAllValues:IpAddress', 'x:ips', '10.0.0.0/8', ['192.168.0.1', '10.1.1.1'], false],
    ['ForAllValues:NotIpAddress', 'x:ips', '10.0.0.0/8', ['192.168.0.1', '172.16.0.1'], true],
    ['ForAnyValue:NumericGreaterThan', 'x:n', '5', ['1', '7'], true],
    ['ForAllValues:NumericGreaterThan', 'x:n', '5', ['1', '7'], false],
    ['ForAnyValue:DateLessThan', 'x:d', '2020-01-01T00:00:00Z', ['2019-01-01T00:00:00Z', '2021-01-01'], true],
    [
      'ForAllValues:ArnLike',
      'x:arns',
      'arn:aws:iam::*:role/*',
      ['arn:aws:iam::1:role/a', 'arn:aws:iam::2:role/b'],
      true,
    ],
    ['ForAnyValue:ArnNotLike', 'x:arns', 'arn:aws:iam::*:role/*', ['arn:aws:iam::1:role/a'], false],
    ['ForAnyValue:Bool', 'x:b', 'true', ['false', 'true'], true],
    ['ForAnyValue:BinaryEquals', 'x:bin', 'QmluYXJ5', ['eA==', 'QmluYXJ5'], true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('a single-valued operator on a multi-valued key: some value matches (negated: none does)', () => {
  const rows: Row[] = [
    ['StringEquals', K, 'a', ['a', 'b'], true],
    ['StringEquals', K, 'c', ['a', 'b'], false],
    ['StringNotEquals', K, 'a', ['a', 'b'], false],
    ['StringNotEquals', K, 'c', ['a', 'b'], true],
    ['StringEquals', K, 'a', [], false],
    ['StringNotEquals', K, 'a', [], true],
    ['StringEqualsIfExists', K, 'a', [], true],
  ];
  assert.deepEqual(failures(rows), []);
});
