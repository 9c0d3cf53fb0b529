/**
 * aws-chunked bodies (what SDKs send for streamed uploads): `<hex size>[;chunk-signature=...]\r\n`
 * `<data>\r\n` ... `0\r\n`, then trailing headers (`x-amz-checksum-crc32:...\r\n`) and `\r\n`.
 * Undefined when the framing is broken.
 */
import { crc32 } from 'node:zlib';

export interface Chunked {
  readonly data: Buffer;
  /** Lower-case names. */
  readonly trailers: Readonly<Record<string, string>>;
}

export function decodeAwsChunked(raw: Buffer): Chunked | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0) return undefined;
    if (size === 0) return { data: Buffer.concat(parts), trailers: trailersOf(raw.subarray(lineEnd + 2)) };
    const start = lineEnd + 2;
    if (start + size + 2 > raw.length) return undefined;
    parts.push(raw.subarray(start, start + size));
    at = start + size + 2;
  }
}

function trailersOf(rest: Buffer): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of rest.toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return trailers;
}

/** Base64 of the big-endian CRC32, as `x-amz-checksum-crc32` carries it. */
export function crc32Base64(data: Buffer): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
}
