import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import type { PasswordHasher, SecretBox } from './action.ts';

/**
 * Secrets at rest (DESIGN.md §3.8).
 *
 * SecretBox: secret access keys and TOTP seeds must be recoverable, so they are encrypted with
 * AES-256-GCM under the 32-byte master key (which never sits in the database). Sealed format, one
 * compact ASCII string: `v1.<base64url(iv[12] | tag[16] | ciphertext)>`. The version prefix lets a
 * later format or key rotation coexist with stored v1 values. GCM's tag makes tampering, truncation
 * or a wrong master key fail loudly instead of yielding garbage.
 *
 * PasswordHasher: scrypt, memory-hard, with a random 16-byte salt and a self-describing stored
 * format `scrypt$N$r$p$<salt b64>$<hash b64>`, so parameters can be raised later without breaking
 * stored hashes. Hashing runs on libuv's thread pool (the async scrypt), never blocking the event
 * loop.
 */

const SEALED_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const MASTER_KEY_BYTES = 32;

type RandomBytes = (length: number) => Uint8Array;

/** Builds the SecretBox for a master key. `random` is injectable for tests only. */
export function createSecretBox(masterKey: Uint8Array, random: RandomBytes = randomBytes): SecretBox {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new Error(`the master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
  }
  const key = Buffer.from(masterKey);
  return {
    seal(plaintext) {
      const iv = random(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const packed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
      return `${SEALED_VERSION}.${packed.toString('base64url')}`;
    },
    open(sealed) {
      const packed = unpack(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, IV_BYTES));
      decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // Never echo the sealed value or key material.
        throw new Error('a sealed secret failed authentication: wrong master key or corrupted data');
      }
    },
  };
}

function unpack(sealed: string): Buffer {
  const [version, body, extra] = sealed.split('.');
  if (version !== SEALED_VERSION || body === undefined || extra !== undefined || !/^[\w-]*$/.test(body)) {
    throw new Error('not a sealed secret of a known version');
  }
  const packed = Buffer.from(body, 'base64url');
  if (packed.length < IV_BYTES + TAG_BYTES) throw new Error('a sealed secret is truncated');
  return packed;
}

// ---------------------------------------------------------------------------------------------

export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory per hash is 128 * N * r bytes. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * N=2^15, r=8, p=1: 32 MiB and, measured on these 2-core machines, about 100 ms per hash under
 * load (50 ms at 2^14, 195 ms at 2^16). Slow enough to make offline guessing expensive, fast enough
 * for an interactive sign-in, and four concurrent hashes (the thread pool) stay at 128 MiB.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds for parameters read back from storage, so a corrupt row cannot ask for gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    ...params,
    maxmem: 2 * 128 * params.N * params.r * params.p + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

interface StoredHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

function parseStored(stored: string): StoredHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  if (N === undefined || r === undefined || p === undefined) return undefined;
  if (!isPowerOfTwo(N) || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || hash.length === 0) return undefined;
  return { params: { N, r, p }, salt, hash };
}

/** Builds the PasswordHasher. `random` is injectable for tests only. */
export function createPasswordHasher(
  params: ScryptParams = DEFAULT_SCRYPT,
  random: RandomBytes = randomBytes,
): PasswordHasher {
  return {
    async hash(password) {
      const salt = Buffer.from(random(SALT_BYTES));
      const hash = await scryptAsync(password, salt, params);
      return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join(
        '$',
      );
    },
    async verify(password, stored) {
      const parsed = parseStored(stored);
      if (parsed === undefined) return false;
      const candidate = await scryptAsync(password, parsed.salt, parsed.params);
      return candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash);
    },
  };
}

/** True when a stored hash was made with other parameters than `params` (rehash at next sign-in). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseStored(stored);
  return (
    parsed === undefined ||
    parsed.params.N !== params.N ||
    parsed.params.r !== params.r ||
    parsed.params.p !== params.p
  );
}
