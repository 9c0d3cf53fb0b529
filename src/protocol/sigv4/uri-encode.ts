/**
 * RFC 3986 encoding as SigV4 canonicalization wants it, on BYTES: unreserved characters
 * (A-Z a-z 0-9 - _ . ~) stay, every other byte becomes %XX (uppercase). Working on bytes keeps
 * percent-encoded non-UTF-8 input exact instead of mangling it through a string decode.
 */
const HEX = '0123456789ABCDEF';

function isUnreserved(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x2d ||
    b === 0x2e ||
    b === 0x5f ||
    b === 0x7e
  );
}

export function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += isUnreserved(b) ? String.fromCharCode(b) : `%${HEX[b >> 4]}${HEX[b & 15]}`;
  return out;
}

export const uriEncode = (text: string): string => encodeBytes(Buffer.from(text, 'utf8'));

const hexValue = (code: number): number =>
  code >= 0x30 && code <= 0x39
    ? code - 0x30
    : code >= 0x41 && code <= 0x46
      ? code - 55
      : code >= 0x61 && code <= 0x66
        ? code - 87
        : -1;

/** Percent-decodes raw query text to bytes (`+` is a space, a stray `%` stays literal). */
export function percentDecode(raw: string, plusIsSpace: boolean): Uint8Array {
  const bytes = Buffer.from(raw, 'utf8');
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (
      b === 0x25 &&
      i + 2 < bytes.length &&
      hexValue(bytes[i + 1] ?? 0) >= 0 &&
      hexValue(bytes[i + 2] ?? 0) >= 0
    ) {
      out[n++] = hexValue(bytes[i + 1] ?? 0) * 16 + hexValue(bytes[i + 2] ?? 0);
      i += 2;
    } else out[n++] = b === 0x2b && plusIsSpace ? 0x20 : b;
  }
  return out.subarray(0, n);
}
