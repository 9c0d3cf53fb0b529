import { accessKeyBody } from './access-key-ids.ts';

/**
 * Identifier generation, injected so tests can make it deterministic. The formats follow AWS:
 * unique ids are a 4-letter prefix plus 17 base32 characters; access key ids a prefix plus 16;
 * secrets 40 characters of [A-Za-z0-9/+].
 */
export type UniqueIdPrefix = 'AIDA' | 'AGPA' | 'AROA' | 'ANPA' | 'ANVA' | 'AIPA' | 'ASCA' | 'APKA';
export type AccessKeyPrefix = 'AKIA' | 'ASIA';

export interface Ids {
  uniqueId(prefix: UniqueIdPrefix): string;
  /** With an account id, the id encodes it as AWS's do (access-key-ids.ts); without, 16 random characters. */
  accessKeyId(prefix: AccessKeyPrefix, accountId?: string): string;
  secretAccessKey(): string;
  requestId(): string;
  /** Random bytes, for salts, session tokens and TOTP seeds. */
  bytes(length: number): Uint8Array;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';

/** Draws `length` characters from `alphabet` (whose size divides 256, so there is no modulo bias). */
function draw(random: (n: number) => Uint8Array, alphabet: string, length: number): string {
  let out = '';
  for (const byte of random(length)) out += alphabet[byte % alphabet.length];
  return out;
}

function formatUuid(b: Uint8Array): string {
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Builds the id generator from a source of random bytes (crypto.randomBytes at the composition
 * root) and, optionally, a faster UUID source for request ids (crypto.randomUUID, which draws from
 * a buffered entropy pool: a request id is made on every request).
 */
export function createIds(random: (n: number) => Uint8Array, uuid?: () => string): Ids {
  return {
    uniqueId: (prefix) => prefix + draw(random, BASE32, 17),
    accessKeyId: (prefix, accountId) =>
      prefix + (accountId === undefined ? draw(random, BASE32, 16) : accessKeyBody(accountId, random(5))),
    secretAccessKey: () => draw(random, SECRET_ALPHABET, 40),
    requestId:
      uuid ??
      (() => {
        const b = random(16);
        b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
        b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
        return formatUuid(b);
      }),
    bytes: random,
  };
}
