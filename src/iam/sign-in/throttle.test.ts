import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SIGN_IN_DEFAULTS, resolveSignInSettings, type ThrottleSettings } from './settings.ts';
import { SignInThrottle, type ThrottleKey } from './throttle.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SETTINGS: ThrottleSettings = {
  enabled: true,
  delayAfter: 2,
  delayMs: 1000,
  maxDelayMs: 4000,
  userLockoutFailures: 5,
  ipLockoutFailures: 8,
  lockoutMs: 60_000,
};
const alice: ThrottleKey = { kind: 'name', value: 'user:alice' };
const ip: ThrottleKey = { kind: 'ip', value: '192.0.2.1' };

describe('sign-in throttle', () => {
  test('free failures, then a doubling delay capped at the maximum, then a lockout that ends', () => {
    const t = new SignInThrottle(SETTINGS);
    t.fail([alice], at(0));
    assert.deepEqual(t.check([alice], at(0)), { allowed: true });
    t.fail([alice], at(0));
    assert.deepEqual(t.check([alice], at(0)), { allowed: false, locked: false, retryAfterMs: 1000 });
    assert.deepEqual(t.check([alice], at(1000)), { allowed: true });
    t.fail([alice], at(1000));
    assert.deepEqual(t.check([alice], at(1000)), { allowed: false, locked: false, retryAfterMs: 2000 });
    t.fail([alice], at(3000));
    assert.deepEqual(t.check([alice], at(3000)), { allowed: false, locked: false, retryAfterMs: 4000 });
    t.fail([alice], at(7000));
    assert.deepEqual(t.check([alice], at(7000)), { allowed: false, locked: true, retryAfterMs: 60_000 });
    assert.deepEqual(t.check([alice], at(66_999)), { allowed: false, locked: true, retryAfterMs: 1 });
    assert.deepEqual(t.check([alice], at(67_000)), { allowed: true }, 'the lockout ended and was forgotten');
    t.fail([alice], at(67_000));
    assert.deepEqual(t.check([alice], at(67_000)), { allowed: true });
  });

  test('per address separately, with its own threshold; success clears only the name', () => {
    const t = new SignInThrottle({ ...SETTINGS, delayAfter: 100 });
    for (let i = 0; i < 5; i++) t.fail([alice, ip], at(i));
    assert.equal(t.check([alice], at(5)).allowed, false);
    assert.equal(t.check([ip], at(5)).allowed, true);
    t.succeed(alice);
    assert.equal(t.check([alice], at(5)).allowed, true);
    for (let i = 0; i < 3; i++) t.fail([ip], at(10));
    assert.equal(t.check([{ kind: 'name', value: 'user:bob' }, ip], at(10)).allowed, false);
  });

  test('failures older than the window are forgotten; off means never refused', () => {
    const t = new SignInThrottle(SETTINGS);
    for (let i = 0; i < 4; i++) t.fail([alice], at(0));
    assert.equal(t.check([alice], at(60_001)).allowed, true);
    const off = new SignInThrottle({ ...SETTINGS, enabled: false });
    for (let i = 0; i < 50; i++) off.fail([alice], at(0));
    assert.deepEqual(off.check([alice], at(0)), { allowed: true });
  });

  test('settings from the environment', () => {
    assert.deepEqual(resolveSignInSettings({}), SIGN_IN_DEFAULTS);
    const s = resolveSignInSettings({
      WARDEN_SIGNIN_THROTTLE: 'off',
      WARDEN_CONSOLE_IDLE_MINUTES: '5',
      WARDEN_CONSOLE_SESSION_HOURS: '1',
      WARDEN_SIGNIN_LOCKOUT_FAILURES: '3',
      WARDEN_SIGNIN_LOCKOUT_MINUTES: '2',
    });
    assert.equal(s.throttle.enabled, false);
    assert.equal(s.idleMs, 300_000);
    assert.equal(s.absoluteMs, 3_600_000);
    assert.equal(s.throttle.userLockoutFailures, 3);
    assert.equal(s.throttle.lockoutMs, 120_000);
    assert.throws(() => resolveSignInSettings({ WARDEN_SIGNIN_THROTTLE: 'maybe' }), /on or off/);
    assert.throws(() => resolveSignInSettings({ WARDEN_CONSOLE_IDLE_MINUTES: '-1' }), /non-negative/);
  });
});
