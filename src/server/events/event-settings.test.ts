import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../config.ts';

test('event log settings from the environment', () => {
  const cases: [Record<string, string>, { enabled: boolean; retentionDays: number } | RegExp][] = [
    [{}, { enabled: true, retentionDays: 90 }],
    [{ WARDEN_EVENTS: 'off' }, { enabled: false, retentionDays: 90 }],
    [
      { WARDEN_EVENTS: 'ON', WARDEN_EVENTS_RETENTION_DAYS: '7' },
      { enabled: true, retentionDays: 7 },
    ],
    [{ WARDEN_EVENTS: '0' }, { enabled: false, retentionDays: 90 }],
    [{ WARDEN_EVENTS: 'maybe' }, /WARDEN_EVENTS must be on or off/],
    [{ WARDEN_EVENTS_RETENTION_DAYS: '0' }, /positive number of days/],
    [{ WARDEN_EVENTS_RETENTION_DAYS: 'forever' }, /positive number of days/],
  ];
  for (const [env, expected] of cases) {
    if (expected instanceof RegExp)
      assert.throws(() => resolveConfig(env, {}), expected, JSON.stringify(env));
    else assert.deepEqual(resolveConfig(env, {}).events, expected, JSON.stringify(env));
  }
});
