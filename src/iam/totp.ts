import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';

/**
 * RFC 6238 TOTP as authenticator apps and AWS use it: HMAC-SHA1, 30-second steps, 6 digits. The
 * time always comes from the caller (the injected clock), never from Date.now().
 */

export const STEP_SECONDS = 30;
const DIGITS = 6;
/** AWS seeds are 40 random bytes: 64 Base32 characters. */
export const SEED_BYTES = 40;

export const timeStep = (now: Date): number => Math.floor(now.getTime() / 1000 / STEP_SECONDS);

/** The Base32 text (RFC 4648, no padding) of random seed bytes. */
export const seedToBase32 = (bytes: Uint8Array): string =>
  new Secret({ buffer: Uint8Array.from(bytes).buffer }).base32;

/** The code of a seed for one time step. */
export function codeAt(seedBase32: string, step: number): string {
  return HOTP.generate({
    secret: Secret.fromBase32(seedBase32),
    counter: step,
    digits: DIGITS,
    algorithm: 'SHA1',
  });
}

/** The code a device shows at `now` (tests and tools compute codes with this). */
export const codeNow = (seedBase32: string, now: Date): string => codeAt(seedBase32, timeStep(now));

const sameCode = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The step within `window` steps of `now` (moved by the device's known `drift`) whose code is
 * `code`, or undefined. Every candidate is
 * computed and compared in constant time, so timing does not tell which step matched.
 */
export function matchStep(
  seedBase32: string,
  code: string,
  now: Date,
  window = 1,
  drift = 0,
): number | undefined {
  const current = timeStep(now) + drift;
  let found: number | undefined;
  for (let step = current - window; step <= current + window; step++) {
    if (sameCode(codeAt(seedBase32, step), code) && found === undefined) found = step;
  }
  return found;
}

/**
 * The later step of two consecutive codes (code1 at step s, code2 at s + 1) with s + 1 within
 * `window` steps of `now`, or undefined: how EnableMFADevice and ResyncMFADevice prove that the
 * device holds the seed and that its clock is close.
 */
export function matchConsecutive(
  seedBase32: string,
  code1: string,
  code2: string,
  now: Date,
  window: number,
): number | undefined {
  const current = timeStep(now);
  let found: number | undefined;
  for (let second = current - window; second <= current + window; second++) {
    const ok = sameCode(codeAt(seedBase32, second - 1), code1) && sameCode(codeAt(seedBase32, second), code2);
    if (ok && found === undefined) found = second;
  }
  return found;
}
