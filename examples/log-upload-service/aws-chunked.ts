/**
 * aws-chunked bodies (what SDKs send for streamed uploads): `<hex size>[;chunk-signature=...]\r\n`
 * `<data>\r\n` ... `0\r\n` then trailing headers (`x-amz-checksum-crc32:...`) and `\r\n`. Only the
 * data is kept; undefined when the framing is broken.
 */
export function decodeAwsChunked(raw: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (start + size + 2 > raw.length) return undefined;
    parts.push(raw.subarray(start, start + size));
    at = start + size + 2;
  }
}
