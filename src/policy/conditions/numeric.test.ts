import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, type Row } from './condition-test-kit.ts';

const N = 'aws:MultiFactorAuthAge';

test('numeric operators compare integers and decimals as numbers', () => {
  const rows: Row[] = [
    ['NumericEquals', N, '10', '10', true],
    ['NumericEquals', N, '10', '10.0', true],
    ['NumericEquals', N, 10, '10', true],
    ['NumericEquals', N, '10', '11', false],
    ['NumericEquals', N, ['1', '2'], '2', true],
    ['NumericNotEquals', N, '10', '11', true],
    ['NumericNotEquals', N, ['10', '11'], '11', false],
    ['NumericNotEquals', N, '10', undefined, true],
    ['NumericLessThan', N, '3600', '100', true],
    ['NumericLessThan', N, '3600', '3600', false],
    ['NumericLessThanEquals', N, '3600', '3600', true],
    ['NumericGreaterThan', N, '-1.5', '-1', true],
    ['NumericGreaterThan', N, '100', '99.99', false],
    ['NumericGreaterThanEquals', N, '1e3', '1000', true],
    ['NumericLessThan', N, '3600', undefined, false],
    ['NumericLessThanIfExists', N, '3600', undefined, true],
    ['NumericLessThanIfExists', N, '3600', '7200', false],
  ];
  assert.deepEqual(failures(rows), []);
});

test('an unparseable number never matches (so a negated operator holds)', () => {
  const rows: Row[] = [
    ['NumericEquals', N, '10', 'ten', false],
    ['NumericEquals', N, 'ten', '10', false],
    ['NumericEquals', N, '', '0', false],
    ['NumericEquals', N, '10', ' 10 ', false],
    ['NumericLessThan', N, '10', '', false],
    ['NumericNotEquals', N, '10', 'ten', true],
  ];
  assert.deepEqual(failures(rows), []);
});
