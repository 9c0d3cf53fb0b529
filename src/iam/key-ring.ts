import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from './action.ts';
import { MASTER_KEY_BYTES } from './secrets.ts';

/**
 * A SecretBox over a ring of master keys, for rotation without downtime (issue 6, Secrets).
 *
 * Sealed format v2: `v2.<key id>.<base64url(iv[12] | tag[16] | ciphertext)>`, AES-256-GCM. The key
 * id is the first 8 bytes of SHA-256 of the key, in hex: it names the key without revealing it.
 * New values are always sealed under the ring's CURRENT key (its first); any key of the ring opens
 * what it sealed. Values of the original v1 format (`v1.<...>`, no key id) open under whichever
 * key of the ring authenticates them (GCM's tag tells), so a database from before the ring works
 * unchanged and `warden master-key rotate` moves it to v2.
 *
 * The ring's source may change while the server runs (the rotate command writes a new key file):
 * `seal` asks the source to refresh first (a cheap check), and `open` of an unknown key id
 * refreshes once before failing, so readers never stop during a rotation.
 */

export interface MasterKey {
  readonly id: string;
  readonly key: Uint8Array;
}

export interface KeySource {
  /** The ring, current key first. Never empty. */
  keys(): readonly MasterKey[];
  /** Re-reads the ring if its source changed; true when it did. */
  refresh(): boolean;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export const keyIdOf = (key: Uint8Array): string =>
  createHash('sha256').update(key).digest().subarray(0, 8).toString('hex');

export function masterKey(key: Uint8Array): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(`a master key must be ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
  }
  return { id: keyIdOf(key), key: Uint8Array.from(key) };
}

/** A fixed ring (tests, and keys configured in the environment). */
export const staticKeys = (keys: readonly Uint8Array[]): KeySource => {
  const ring = keys.map(masterKey);
  if (ring.length === 0) throw new Error('a key ring needs at least one key');
  return { keys: () => ring, refresh: () => false };
};

/** The key id a sealed value was sealed under (`undefined` for v1, which names none). */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts[0] === 'v2' && parts.length === 3 ? parts[1] : undefined;
}

function encrypt(key: MasterKey, plaintext: string, random: (n: number) => Uint8Array): string {
  const iv = random(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

function decrypt(key: MasterKey, body: string): string | undefined {
  if (!/^[\w-]*$/.test(body)) return undefined;
  const packed = Buffer.from(body, 'base64url');
  if (packed.length < IV_BYTES + TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key.key, packed.subarray(0, IV_BYTES));
  decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}

const failed = (): Error =>
  // Never echo the sealed value or key material.
  new Error('a sealed secret failed authentication: no key of the master key ring opens it');

export interface RingSecretBox extends SecretBox {
  /** The id of the key `seal` uses now. */
  currentKeyId(): string;
}

export function createRingSecretBox(
  source: KeySource,
  random: (n: number) => Uint8Array = randomBytes,
): RingSecretBox {
  const openWith = (sealed: string): string | undefined => {
    const parts = sealed.split('.');
    if (parts[0] === 'v1' && parts.length === 2) {
      for (const key of source.keys()) {
        const text = decrypt(key, parts[1]!);
        if (text !== undefined) return text;
      }
      return undefined;
    }
    if (parts[0] !== 'v2' || parts.length !== 3) throw new Error('not a sealed secret of a known version');
    const key = source.keys().find((k) => k.id === parts[1]);
    return key === undefined ? undefined : decrypt(key, parts[2]!);
  };
  return {
    seal(plaintext) {
      source.refresh();
      const current = source.keys()[0]!;
      return `v2.${current.id}.${encrypt(current, plaintext, random)}`;
    },
    open(sealed) {
      const text = openWith(sealed) ?? (source.refresh() ? openWith(sealed) : undefined);
      if (text === undefined) throw failed();
      return text;
    },
    currentKeyId() {
      source.refresh();
      return source.keys()[0]!.id;
    },
  };
}
