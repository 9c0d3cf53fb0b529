/**
 * Authenticating the request a service forwards: the same SigV4 verification and key lookup as
 * Warden's own API (`authenticate`), over the forwarded parts. A failure here is an answer (a Deny
 * carrying AWS's error code), not an error of the call: the calling service did nothing wrong.
 */
import type { IncomingMessage } from 'node:http';
import { isWardenError } from '../../core/index.ts';
import type { SignedRequest } from '../../protocol/index.ts';
import { authenticate, type Authenticated, type Pipeline } from '../pipeline.ts';
import type { AuthorizeInput } from './authorize-input.ts';

export interface AuthFailure {
  readonly code: string;
  readonly message: string;
}

export type ForwardedAuth =
  { readonly ok: true; readonly who: Authenticated } | { readonly ok: false; readonly failure: AuthFailure };

const HEX_SHA256 = /^[0-9a-f]{64}$/;

export async function authenticateForwarded(
  p: Pipeline,
  input: AuthorizeInput,
  req: IncomingMessage,
  requestId: string,
): Promise<ForwardedAuth> {
  const { request } = input;
  const service = input.action.slice(0, input.action.indexOf(':'));
  const scoped = scopeService(request.headers, request.rawQuery);
  if (scoped !== undefined && scoped !== service) {
    return fail('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}'. `);
  }
  const payloadHash = signedPayloadHash(request.headers, request.payloadHash);
  if (payloadHash === undefined) {
    return fail(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const signed: SignedRequest = {
    method: request.method,
    path: request.path,
    rawQuery: request.rawQuery,
    headers: request.headers,
    body: new Uint8Array(),
  };
  try {
    const who = await authenticate(p, signed, req, requestId, { services: [service], payloadHash });
    return { ok: true, who: withForwardedFacts(who, input) };
  } catch (error) {
    if (!isWardenError(error)) throw error;
    return fail(codeOf(error.code, error.message), error.message);
  }
}

const fail = (code: string, message: string): ForwardedAuth => ({ ok: false, failure: { code, message } });

/**
 * A signature outside the 15-minute window is a replay or a skewed clock: `RequestExpired`, the
 * code AWS's common errors give it (IAM and STS say SignatureDoesNotMatch with the same text).
 */
function codeOf(code: string, message: string): string {
  const skew = message.startsWith('Signature expired') || message.startsWith('Signature not yet current');
  return code === 'SignatureDoesNotMatch' && skew ? 'RequestExpired' : code;
}

/** The service named in the credential scope (header or presigned query), if it can be read. */
function scopeService(
  headers: Readonly<Record<string, string | string[]>>,
  rawQuery: string,
): string | undefined {
  const auth = headers.authorization;
  const credential =
    (typeof auth === 'string' ? /Credential=([^,\s]+)/.exec(auth)?.[1] : undefined) ??
    new URLSearchParams(rawQuery).get('X-Amz-Credential') ??
    undefined;
  const parts = credential?.split('/');
  return parts !== undefined && parts.length >= 5 ? parts[parts.length - 2] : undefined;
}

/**
 * What the signature covers: the signed x-amz-content-sha256 when the client sent one (S3 always
 * does; it may say UNSIGNED-PAYLOAD), else the body's hash the service forwarded. A signed hex
 * hash that is not the forwarded body's means the service read another body than was signed.
 */
function signedPayloadHash(
  headers: Readonly<Record<string, string | string[]>>,
  forwarded: string,
): string | undefined {
  const claimed = headers['x-amz-content-sha256'];
  if (typeof claimed !== 'string') return forwarded;
  const lower = claimed.trim().toLowerCase();
  if (HEX_SHA256.test(lower) && HEX_SHA256.test(forwarded) && lower !== forwarded) return undefined;
  return claimed.trim();
}

/** The client's facts as the service saw them, not the service's own connection to Warden. */
function withForwardedFacts(who: Authenticated, input: AuthorizeInput): Authenticated {
  const { request } = input;
  const agent = request.headers['user-agent'];
  return {
    ...who,
    request: {
      ...who.request,
      sourceIp: request.sourceIp ?? '',
      userAgent: typeof agent === 'string' ? agent : '',
      secureTransport: request.secureTransport,
    },
  };
}
