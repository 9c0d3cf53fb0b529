import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FilterError, parseFilter, parseTime } from './filter-params.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');

test('times: ISO 8601, or a duration ago', () => {
  const cases: [string, string | RegExp][] = [
    ['2026-02-28T09:30:00Z', '2026-02-28T09:30:00.000Z'],
    ['2026-02-28', '2026-02-28T00:00:00.000Z'],
    ['90s', '2026-03-01T09:58:30.000Z'],
    ['15m', '2026-03-01T09:45:00.000Z'],
    ['1h', '2026-03-01T09:00:00.000Z'],
    ['2d', '2026-02-27T10:00:00.000Z'],
    ['1w', '2026-02-22T10:00:00.000Z'],
    ['1.5h', '2026-03-01T08:30:00.000Z'],
    ['yesterday', /neither an ISO 8601 time nor a duration/],
    ['1y', /neither/],
    ['12', /neither/],
  ];
  for (const [text, expected] of cases) {
    if (expected instanceof RegExp) assert.throws(() => parseTime(text, NOW, 'since'), expected, text);
    else assert.equal(parseTime(text, NOW, 'since').toISOString(), expected, text);
  }
});

test('the filter from named parameters; empty ones do not filter', () => {
  const params: Record<string, string> = {
    since: '1h',
    principal: 'arn:aws:iam::123456789012:user/bob',
    action: 'iam:DeleteUser',
    decision: 'deny',
    error: 'AccessDenied',
    'request-id': 'r-1',
    kind: 'console',
    account: '',
  };
  assert.deepEqual(
    parseFilter((name) => params[name], NOW),
    {
      since: new Date('2026-03-01T09:00:00.000Z'),
      decision: 'Deny',
      kind: 'console',
      principalArn: 'arn:aws:iam::123456789012:user/bob',
      action: 'iam:DeleteUser',
      errorCode: 'AccessDenied',
      requestId: 'r-1',
    },
  );
  assert.deepEqual(
    parseFilter(() => undefined, NOW),
    {},
  );
  for (const [name, value] of [
    ['decision', 'Maybe'],
    ['kind', 'cli'],
    ['until', 'soon'],
  ]) {
    assert.throws(
      () => parseFilter((n) => (n === name ? value : undefined), NOW),
      FilterError,
      `${name}=${value}`,
    );
  }
});
