/**
 * AWS access key ids carry their account (as researchers found and sts:GetAccessKeyInfo shows):
 * after the 4-letter prefix, 16 base32 characters hold 80 bits; the first bit marks this format,
 * the next 40 are the account id, the remaining 39 are random. Warden makes its keys the same way,
 * so a key id says which account's database to look in.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BODY_CHARS = 16;
const ACCOUNT_BITS = 40n;
const RANDOM_BITS = 39n;
const FORMAT_BIT = 1n << (ACCOUNT_BITS + RANDOM_BITS);

/** The 16 characters after the prefix for `accountId`, with 39 bits from `random` (5 bytes). */
export function accessKeyBody(accountId: string, random: Uint8Array): string {
  let noise = 0n;
  for (const byte of random.subarray(0, 5)) noise = (noise << 8n) | BigInt(byte);
  const bits = FORMAT_BIT | (BigInt(accountId) << RANDOM_BITS) | (noise & ((1n << RANDOM_BITS) - 1n));
  let out = '';
  for (let i = BODY_CHARS - 1; i >= 0; i--) out += BASE32[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/**
 * The account an access key id names, or undefined when the id is not of that format (keys an
 * operator configured, ids made before Warden encoded accounts may still decode to some number:
 * a lookup must not trust the answer blindly).
 */
export function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  const body = accessKeyId.slice(4);
  if (accessKeyId.length !== 4 + BODY_CHARS) return undefined;
  let bits = 0n;
  for (const char of body) {
    const value = BASE32.indexOf(char);
    if (value < 0) return undefined;
    bits = (bits << 5n) | BigInt(value);
  }
  if ((bits & FORMAT_BIT) === 0n) return undefined;
  const account = (bits >> RANDOM_BITS) & ((1n << ACCOUNT_BITS) - 1n);
  return account > 999_999_999_999n ? undefined : account.toString().padStart(12, '0');
}
