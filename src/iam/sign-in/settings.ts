/**
 * Console sign-in settings: session lifetimes and the brute-force throttle. Parsed from WARDEN_*
 * variables by `resolveSignInSettings` (the CLI passes the environment in; nothing here reads it).
 */
export interface ThrottleSettings {
  /** False turns the whole throttle off (WARDEN_SIGNIN_THROTTLE=off). */
  readonly enabled: boolean;
  /** Failures allowed before any delay. */
  readonly delayAfter: number;
  /** The first delay; it doubles with each further failure, up to `maxDelayMs`. */
  readonly delayMs: number;
  readonly maxDelayMs: number;
  /** Failures of one sign-in name (user or root email) that lock it. */
  readonly userLockoutFailures: number;
  /** Failures from one source address that lock it (higher: many people may share a NAT). */
  readonly ipLockoutFailures: number;
  /** How long a lockout lasts; failures older than this (without a newer one) are forgotten. */
  readonly lockoutMs: number;
}

export interface SignInSettings {
  /** A session unused for this long ends (AWS console: 15 minutes by default... up to 12 h). */
  readonly idleMs: number;
  /** A session ends this long after sign-in, used or not (AWS console: 12 hours). */
  readonly absoluteMs: number;
  /** Lifetime of the MFA and password-change steps between the password and the session. */
  readonly challengeMs: number;
  readonly throttle: ThrottleSettings;
}

const MINUTE = 60_000;

export const SIGN_IN_DEFAULTS: SignInSettings = {
  idleMs: 15 * MINUTE,
  absoluteMs: 12 * 60 * MINUTE,
  challengeMs: 5 * MINUTE,
  throttle: {
    enabled: true,
    delayAfter: 3,
    delayMs: 1000,
    maxDelayMs: 30_000,
    userLockoutFailures: 10,
    ipLockoutFailures: 100,
    lockoutMs: 15 * MINUTE,
  },
};

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
}

/** Reads WARDEN_CONSOLE_* and WARDEN_SIGNIN_* (documented in README.md); throws on a bad value. */
export function resolveSignInSettings(env: Record<string, string | undefined>): SignInSettings {
  const d = SIGN_IN_DEFAULTS;
  const t = d.throttle;
  const switchText = (env.WARDEN_SIGNIN_THROTTLE ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false', ''].includes(switchText)) {
    throw new Error('WARDEN_SIGNIN_THROTTLE must be on or off');
  }
  return {
    idleMs: positive(env, 'WARDEN_CONSOLE_IDLE_MINUTES', d.idleMs / MINUTE) * MINUTE,
    absoluteMs: positive(env, 'WARDEN_CONSOLE_SESSION_HOURS', d.absoluteMs / 60 / MINUTE) * 60 * MINUTE,
    challengeMs: d.challengeMs,
    throttle: {
      enabled: !['off', '0', 'false'].includes(switchText),
      delayAfter: positive(env, 'WARDEN_SIGNIN_DELAY_AFTER', t.delayAfter),
      delayMs: positive(env, 'WARDEN_SIGNIN_DELAY_MS', t.delayMs),
      maxDelayMs: positive(env, 'WARDEN_SIGNIN_MAX_DELAY_MS', t.maxDelayMs),
      userLockoutFailures: positive(env, 'WARDEN_SIGNIN_LOCKOUT_FAILURES', t.userLockoutFailures),
      ipLockoutFailures: positive(env, 'WARDEN_SIGNIN_IP_LOCKOUT_FAILURES', t.ipLockoutFailures),
      lockoutMs: positive(env, 'WARDEN_SIGNIN_LOCKOUT_MINUTES', t.lockoutMs / MINUTE) * MINUTE,
    },
  };
}
