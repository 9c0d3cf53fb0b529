import type { ThrottleSettings } from './settings.ts';

/**
 * Brute-force protection for the console sign-in (password and MFA steps), counted per sign-in
 * name and per source address: after `delayAfter` failures of a name each attempt for it must
 * wait a delay that doubles per failure, and at its lockout threshold the name (or the address,
 * at a higher one) is refused outright until the lockout ends.
 *
 * The counters live in memory, not in the store, on purpose: an attacker's failed guesses then
 * never turn into database writes (with SQLite one writer serves every IAM call, and a flood of
 * bad sign-ins must not slow those down), and the state is short-lived by nature (minutes). The
 * price: a restart forgets them (only an operator can restart), and several Warden nodes on one
 * database count separately. The map is bounded: the oldest entries go first.
 *
 * Unknown names are counted exactly like known ones, so a lockout tells nothing about existence.
 */

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export type ThrottleKind = 'name' | 'ip';

export interface ThrottleKey {
  readonly kind: ThrottleKind;
  readonly value: string;
}

export type ThrottleVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly locked: boolean; readonly retryAfterMs: number };

const MAX_ENTRIES = 100_000;

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly settings: ThrottleSettings) {}

  /** Whether an attempt may go ahead now for every one of `keys`. */
  check(keys: readonly ThrottleKey[], now: Date): ThrottleVerdict {
    if (!this.settings.enabled) return { allowed: true };
    let wait = 0;
    let locked = false;
    for (const key of keys) {
      const entry = this.current(key, now.getTime());
      if (entry === undefined) continue;
      if (entry.lockedUntil > now.getTime()) {
        locked = true;
        wait = Math.max(wait, entry.lockedUntil - now.getTime());
        continue;
      }
      // Delays apply per name only: many people may share an address (NAT), so an address is
      // only ever locked, at its own, higher threshold.
      if (key.kind !== 'name') continue;
      const next = entry.lastFailureAt + this.delayFor(entry.failures);
      if (next > now.getTime()) wait = Math.max(wait, next - now.getTime());
    }
    return wait > 0 ? { allowed: false, locked, retryAfterMs: wait } : { allowed: true };
  }

  /** Counts one failure against each key. */
  fail(keys: readonly ThrottleKey[], now: Date): void {
    if (!this.settings.enabled) return;
    const t = now.getTime();
    for (const key of keys) {
      const entry = this.current(key, t) ?? { failures: 0, lastFailureAt: t, lockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailureAt = t;
      const threshold =
        key.kind === 'name' ? this.settings.userLockoutFailures : this.settings.ipLockoutFailures;
      if (threshold > 0 && entry.failures >= threshold) entry.lockedUntil = t + this.settings.lockoutMs;
      this.put(key, entry);
    }
  }

  /** A successful sign-in clears its name's failures (not its address's: one valid account must
   *  not let an address keep guessing other names). */
  succeed(name: ThrottleKey): void {
    this.entries.delete(id(name));
  }

  private delayFor(failures: number): number {
    const { delayAfter, delayMs, maxDelayMs } = this.settings;
    if (failures < delayAfter || delayMs === 0) return 0;
    return Math.min(maxDelayMs, delayMs * 2 ** Math.min(30, failures - delayAfter));
  }

  /** The live entry: a lockout that ended, or failures older than the window, start afresh. */
  private current(key: ThrottleKey, t: number): Entry | undefined {
    const entry = this.entries.get(id(key));
    if (entry === undefined) return undefined;
    const lockEnded = entry.lockedUntil !== 0 && entry.lockedUntil <= t;
    const stale = entry.lockedUntil === 0 && t - entry.lastFailureAt > this.settings.lockoutMs;
    if (lockEnded || stale) {
      this.entries.delete(id(key));
      return undefined;
    }
    return entry;
  }

  private put(key: ThrottleKey, entry: Entry): void {
    const k = id(key);
    this.entries.delete(k);
    this.entries.set(k, entry);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}

const id = (key: ThrottleKey): string => `${key.kind}:${key.value}`;
