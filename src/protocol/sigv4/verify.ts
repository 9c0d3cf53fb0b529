/**
 * SigV4 verification on the server side (spec §8.2): over the raw body bytes and exactly the
 * signed headers, any region, service `iam` or `sts` (or the services asked for), a 15-minute clock window, and a constant-time
 * comparison. The secret comes from an injected lookup and never leaves this module.
 */
import { timingSafeEqual } from 'node:crypto';
import { serviceOfAction } from '../model.ts';
import { parseAuth, isPresigned, type AuthParams } from './auth-params.ts';
import {
  canonicalRequest,
  headerValue,
  sha256Hex,
  stringToSign,
  type HeaderBag,
} from './canonical-request.ts';
import {
  incomplete,
  invalidClientTokenId,
  signatureExpired,
  signatureMismatch,
  signatureNotYetCurrent,
} from './messages.ts';
import { deriveSigningKey, signatureHex, SigningKeyCache } from './signing-key.ts';

export interface SignedRequest {
  readonly method: string;
  /** The path as received, without the query (normally `/`). */
  readonly path: string;
  /** The query string as received, without `?`. */
  readonly rawQuery: string;
  /** Lower-case header names, as node:http gives them. */
  readonly headers: HeaderBag;
  readonly body: Uint8Array;
}

export interface VerifiedRequest {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly signedAt: Date;
  readonly securityToken?: string;
  readonly presigned: boolean;
}

export type SecretLookup = (accessKeyId: string) => Promise<string | undefined>;

export interface VerifyOptions {
  /** The services a credential scope may name; `iam` and `sts` when absent. */
  readonly services?: readonly string[];
  /**
   * The payload hash to sign over instead of hashing `body`: for a request verified on another
   * service's behalf, which has checked its body against this hash itself.
   */
  readonly payloadHash?: string;
}

const API_SERVICES = ['iam', 'sts'];

const SKEW_MS = 15 * 60 * 1000;

/** Authorization header, or `X-Amz-Algorithm`/`X-Amz-Credential` in the query. */
export function hasAuthentication(req: Pick<SignedRequest, 'headers' | 'rawQuery'>): boolean {
  return req.headers.authorization !== undefined || isPresigned(new URLSearchParams(req.rawQuery));
}

export interface SigV4Verifier {
  verify(
    req: SignedRequest,
    lookupSecret: SecretLookup,
    now: Date,
    options?: VerifyOptions,
  ): Promise<VerifiedRequest>;
}

/** A verifier that keeps derived signing keys in a small bounded cache. */
export function createSigV4Verifier(options: { cacheSize?: number } = {}): SigV4Verifier {
  const cache = new SigningKeyCache(options.cacheSize);
  return {
    verify: (req, lookup, now, options = {}) =>
      verifyWith(req, lookup, now, (s, d, r, v) => cache.get(s, d, r, v), options),
  };
}

/** Verifies without caching (every call derives the signing key). */
export function verifySignature(
  req: SignedRequest,
  lookupSecret: SecretLookup,
  now: Date,
  options: VerifyOptions = {},
): Promise<VerifiedRequest> {
  return verifyWith(req, lookupSecret, now, deriveSigningKey, options);
}

type KeySource = (secret: string, date: string, region: string, service: string) => Uint8Array;

async function verifyWith(
  req: SignedRequest,
  lookupSecret: SecretLookup,
  now: Date,
  signingKey: KeySource,
  options: VerifyOptions,
): Promise<VerifiedRequest> {
  const auth = parseAuth(req);
  const service = checkScope(auth, req, options.services ?? API_SERVICES);
  checkSignedHeaders(auth);
  checkClock(auth, now);
  const payloadHash = options.payloadHash ?? checkPayload(req);
  const secret = await lookupSecret(auth.accessKeyId);
  if (secret === undefined) throw invalidClientTokenId();
  const canonical = canonicalRequest({
    method: req.method,
    path: req.path,
    rawQuery: req.rawQuery,
    headers: req.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash,
    ...(auth.presigned ? { omitQuery: 'X-Amz-Signature' } : {}),
    ...(auth.service === 's3' ? { pathAsSent: true } : {}),
  });
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/${auth.terminator}`;
  const expected = signatureHex(
    signingKey(secret, auth.scopeDate, auth.region, auth.service),
    stringToSign(auth.amzDate, scope, canonical),
  );
  if (!sameSignature(expected, auth.signature)) throw signatureMismatch();
  return {
    accessKeyId: auth.accessKeyId,
    region: auth.region,
    service,
    signedAt: auth.signedAt,
    presigned: auth.presigned,
    ...(auth.securityToken === undefined ? {} : { securityToken: auth.securityToken }),
  };
}

function checkScope(auth: AuthParams, req: SignedRequest, services: readonly string[]): string {
  if (auth.terminator !== 'aws4_request') {
    throw signatureMismatch(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`,
    );
  }
  if (!services.includes(auth.service)) {
    throw signatureMismatch(`Credential should be scoped to correct service: '${expectedService(req)}'. `);
  }
  if (auth.region === '') throw signatureMismatch('Credential should be scoped to a valid region. ');
  const day = auth.amzDate.slice(0, 8);
  if (auth.scopeDate !== day) {
    throw signatureMismatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${day}', from '${auth.amzDate}'.`,
    );
  }
  return auth.service;
}

/** The service the Action belongs to, for the wrong-service message only. */
function expectedService(req: SignedRequest): string {
  const action =
    new URLSearchParams(req.rawQuery).get('Action') ??
    new URLSearchParams(Buffer.from(req.body).toString('utf8')).get('Action');
  return (action === null ? undefined : serviceOfAction(action)) ?? 'iam';
}

/** `host` and the header that carried the date must be signed, or the signature proves little. */
function checkSignedHeaders(auth: AuthParams): void {
  if (!auth.signedHeaders.includes('host'))
    throw signatureMismatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  if (auth.dateHeader !== undefined && !auth.signedHeaders.includes(auth.dateHeader)) {
    throw incomplete(
      `The request signature does not conform to AWS standards. Header(s) not signed: ${auth.dateHeader}.`,
    );
  }
}

/**
 * Header auth: within 15 minutes either way. Presigned: not more than 15 minutes ahead, and no older
 * than X-Amz-Expires, capped at 15 minutes as real STS does for presigned GetCallerIdentity.
 */
function checkClock(auth: AuthParams, now: Date): void {
  const windowMs =
    auth.presigned && auth.expiresSeconds !== undefined
      ? Math.min(auth.expiresSeconds * 1000, SKEW_MS)
      : SKEW_MS;
  const earliest = new Date(now.getTime() - windowMs);
  if (auth.signedAt < earliest) throw signatureExpired(auth.signedAt, earliest, now, windowMs / 60000);
  const latest = new Date(now.getTime() + SKEW_MS);
  if (auth.signedAt > latest) throw signatureNotYetCurrent(auth.signedAt, latest, now, SKEW_MS / 60000);
}

/** The body's hash; a client-sent X-Amz-Content-Sha256 must be exactly that hash. */
function checkPayload(req: SignedRequest): string {
  const actual = sha256Hex(req.body);
  const claimed = headerValue(req.headers, 'x-amz-content-sha256');
  if (claimed !== undefined && claimed.toLowerCase() !== actual) throw signatureMismatch();
  return claimed ?? actual;
}

function sameSignature(expectedHex: string, providedHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'utf8');
  const provided = Buffer.from(providedHex, 'utf8');
  return expected.length === provided.length && timingSafeEqual(expected, provided);
}
