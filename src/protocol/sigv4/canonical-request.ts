/** The SigV4 canonical request and string to sign (spec §8.2 steps 4-5), shared by signer and verifier. */
import { createHash } from 'node:crypto';
import { encodeBytes, percentDecode } from './uri-encode.ts';

export type HeaderBag = Record<string, string | string[] | undefined>;

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/** Path segments normalised (`.`, `..`, empty) and encoded once more, as for every non-S3 service. */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map((s) => encodeBytes(Buffer.from(s, 'utf8'))).join('/')}${trailing}`;
}

/** Every query parameter but `omit`, decoded then RFC 3986-encoded, sorted by name then value. */
export function canonicalQuery(rawQuery: string, omit?: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = encodeBytes(percentDecode(eq < 0 ? part : part.slice(0, eq), true));
    if (name === omit) continue;
    pairs.push([name, eq < 0 ? '' : encodeBytes(percentDecode(part.slice(eq + 1), true))]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** A header's canonical value: repeated headers joined with `,`, trimmed, inner space runs collapsed. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.map((v) => v.trim()).join(',') : value;
  const trimmed = joined.trim();
  return trimmed.includes('  ') ? trimmed.replace(/ {2,}/g, ' ') : trimmed;
}

export interface CanonicalInput {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  /** Lower-case names. */
  readonly headers: HeaderBag;
  /** Lower-case, sorted, as listed in SignedHeaders. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  /** `X-Amz-Signature` for presigned requests: not part of what was signed. */
  readonly omitQuery?: string;
  /** S3 signs the path as sent: neither normalised nor encoded again (scope service `s3`). */
  readonly pathAsSent?: boolean;
}

export function canonicalRequest(input: CanonicalInput): string {
  const headerLines = input.signedHeaders
    .map((name) => `${name}:${headerValue(input.headers, name) ?? ''}\n`)
    .join('');
  return [
    input.method.toUpperCase(),
    input.pathAsSent === true ? input.path || '/' : canonicalUri(input.path),
    canonicalQuery(input.rawQuery, input.omitQuery),
    headerLines,
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}
