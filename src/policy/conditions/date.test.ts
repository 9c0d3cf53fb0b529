import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, type Row } from './condition-test-kit.ts';
import { parseDate } from './date.ts';

const T = 'aws:CurrentTime';
const E = 'aws:EpochTime';

test('dates are ISO-8601 or epoch seconds, compared as instants', () => {
  const rows: Row[] = [
    ['DateLessThan', T, '2026-01-01T00:00:00Z', '2025-06-01T12:00:00Z', true],
    ['DateLessThan', T, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false],
    ['DateLessThanEquals', T, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', true],
    ['DateGreaterThan', T, '2026-01-01', '2026-01-01T00:00:01Z', true],
    ['DateGreaterThanEquals', T, '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', false],
    ['DateEquals', T, '2026-01-01T00:00:00Z', '2026-01-01T02:00:00+02:00', true],
    ['DateEquals', T, '1767225600', '2026-01-01T00:00:00Z', true],
    ['DateEquals', T, 1767225600, '2026-01-01T00:00:00.000Z', true],
    ['DateNotEquals', T, ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'], '2026-01-01T00:00:00Z', false],
    ['DateNotEquals', T, '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z', true],
    ['DateLessThan', E, '2026-01-01T00:00:00Z', '1767225599', true],
    ['DateGreaterThan', E, '1767225600', '1767225601', true],
    ['DateLessThan', T, '2026-01-01T00:00:00Z', 'yesterday', false],
    ['DateLessThan', T, 'soon', '2025-01-01T00:00:00Z', false],
    ['DateLessThan', T, '2026-01-01T00:00:00Z', undefined, false],
    ['DateNotEquals', T, '2026-01-01T00:00:00Z', undefined, true],
    ['DateLessThanIfExists', T, '2026-01-01T00:00:00Z', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});

test('parseDate reads the W3C profile of ISO-8601 in UTC whatever the machine zone', () => {
  const cases: [string, number | undefined][] = [
    ['2020-01-01T00:00:01Z', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2020-01-01', Date.UTC(2020, 0, 1)],
    ['2020-01', Date.UTC(2020, 0, 1)],
    // All digits is epoch seconds (a numeric policy value is epoch time), not a year.
    ['2020', 2020_000],
    ['2020-01-01T10:30Z', Date.UTC(2020, 0, 1, 10, 30)],
    ['2020-01-01T10:30:00', Date.UTC(2020, 0, 1, 10, 30)],
    ['2020-01-01T10:30:00.250Z', Date.UTC(2020, 0, 1, 10, 30) + 250],
    ['2020-01-01T10:30:00-05:00', Date.UTC(2020, 0, 1, 15, 30)],
    ['2020-01-01T10:30:00+0530', Date.UTC(2020, 0, 1, 5, 0)],
    ['1577836800', Date.UTC(2020, 0, 1)],
    ['1577836800.5', Date.UTC(2020, 0, 1) + 500],
    ['2020-13-01', undefined],
    ['2020-01-01T25:00:00Z', undefined],
    ['2020-01-01X', undefined],
    ['', undefined],
    ['2020-01-0aT00:00:00Z', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(parseDate(text), expected, text);
});
