/**
 * SigV4 signing, for our own tests, benchmarks and a raw client. It shares the canonicalization of
 * the verifier, so interop is proven separately against @smithy/signature-v4 and botocore's recipe.
 */
import { ALGORITHM, canonicalRequest, sha256Hex, stringToSign } from './canonical-request.ts';
import { basicIso } from './messages.ts';
import { deriveSigningKey, signatureHex } from './signing-key.ts';
import { uriEncode } from './uri-encode.ts';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignInput {
  readonly method: string;
  readonly path?: string;
  readonly rawQuery?: string;
  /** Must hold `host` (with the port when not the default). Every header given is signed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  readonly region: string;
  /** The credential scope's service: `iam`, `sts`, or `warden` for the admin API. */
  readonly service: string;
  readonly credentials: SigningCredentials;
  readonly now: Date;
  /** Also send and sign `x-amz-content-sha256` (as the JS SDK does; botocore does not). */
  readonly contentSha256?: boolean;
}

/** The headers to send: the given ones (lower-cased) plus x-amz-date, the token and Authorization. */
export function signRequest(input: SignInput): Record<string, string> {
  const amzDate = basicIso(input.now);
  const date = amzDate.slice(0, 8);
  const body =
    typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : (input.body ?? new Uint8Array());
  const payloadHash = sha256Hex(body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  headers['x-amz-date'] = amzDate;
  if (input.credentials.sessionToken !== undefined)
    headers['x-amz-security-token'] = input.credentials.sessionToken;
  if (input.contentSha256 === true) headers['x-amz-content-sha256'] = payloadHash;
  if (headers.host === undefined) throw new Error('signRequest needs a host header');
  const signedHeaders = Object.keys(headers)
    .filter((name) => name !== 'authorization')
    .sort();
  const canonical = canonicalRequest({
    method: input.method,
    path: input.path ?? '/',
    rawQuery: input.rawQuery ?? '',
    headers,
    signedHeaders,
    payloadHash,
  });
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const key = deriveSigningKey(input.credentials.secretAccessKey, date, input.region, input.service);
  const signature = signatureHex(key, stringToSign(amzDate, scope, canonical));
  headers.authorization = `${ALGORITHM} Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return headers;
}

export interface PresignInput {
  readonly method?: string;
  readonly host: string;
  readonly path?: string;
  /** The request's own parameters, e.g. `{ Action: 'GetCallerIdentity', Version: '2011-06-15' }`. */
  readonly params: Readonly<Record<string, string>>;
  readonly region: string;
  readonly service: 'iam' | 'sts';
  readonly credentials: SigningCredentials;
  readonly now: Date;
  readonly expiresSeconds?: number;
}

/** The query string (without `?`) of a presigned URL, signing only `host` and an empty payload. */
export function presignUrl(input: PresignInput): string {
  const amzDate = basicIso(input.now);
  const date = amzDate.slice(0, 8);
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const params: Record<string, string> = {
    ...input.params,
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Credential': `${input.credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(input.expiresSeconds ?? 900),
    'X-Amz-SignedHeaders': 'host',
    ...(input.credentials.sessionToken === undefined
      ? {}
      : { 'X-Amz-Security-Token': input.credentials.sessionToken }),
  };
  const rawQuery = Object.entries(params)
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`)
    .join('&');
  const canonical = canonicalRequest({
    method: input.method ?? 'GET',
    path: input.path ?? '/',
    rawQuery,
    headers: { host: input.host },
    signedHeaders: ['host'],
    payloadHash: sha256Hex(''),
  });
  const key = deriveSigningKey(input.credentials.secretAccessKey, date, input.region, input.service);
  return `${rawQuery}&X-Amz-Signature=${signatureHex(key, stringToSign(amzDate, scope, canonical))}`;
}
