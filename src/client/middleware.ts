/**
 * A middleware for node:http services (connect/express-compatible signature): reads the body,
 * checks it against the signed x-amz-content-sha256, asks Warden, then calls `next` or answers
 * 403 with an AWS-style XML error. No server imports, like the client.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorizeResult, ContextValues, WardenAuthorizer } from './authorize-client.ts';
import { awsErrorXml } from './aws-error-xml.ts';

/** What the service maps a request to; undefined: not an operation this service knows (400). */
export interface MappedRequest {
  readonly action: string;
  readonly resource: string;
  readonly context?: ContextValues;
  readonly resourcePolicy?: string;
}

export type MapRequest = (req: IncomingMessage) => MappedRequest | undefined;

/** What the middleware leaves on the request for the handler. */
export interface WardenAuthorized {
  readonly body: Buffer;
  readonly result: AuthorizeResult;
}

export type AuthorizedRequest = IncomingMessage & { warden?: WardenAuthorized };

export type Next = (error?: unknown) => void;

export interface MiddlewareOptions {
  /** Bodies above this are refused with 413 before Warden is asked (default 16 MiB). */
  readonly maxBodyBytes?: number;
}

const UNSIGNED = 'UNSIGNED-PAYLOAD';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export function wardenAuthorization(
  authorizer: WardenAuthorizer,
  mapRequest: MapRequest,
  options: MiddlewareOptions = {},
): (req: AuthorizedRequest, res: ServerResponse, next: Next) => void {
  const max = options.maxBodyBytes ?? 16 * 1024 * 1024;
  return (req, res, next) => {
    authorizeOne(authorizer, mapRequest, max, req, res).then(
      (passed) => passed && next(),
      (error: unknown) => next(error),
    );
  };
}

async function authorizeOne(
  authorizer: WardenAuthorizer,
  mapRequest: MapRequest,
  max: number,
  req: AuthorizedRequest,
  res: ServerResponse,
): Promise<boolean> {
  const body = await readBody(req, max);
  if (body === undefined) {
    sendError(res, 413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', '');
    return false;
  }
  if (String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-AWS4-HMAC-SHA256')) {
    // Each chunk carries its own signature, which only the seed signature's holder could check.
    sendError(
      res,
      501,
      'NotImplemented',
      'Signed aws-chunked uploads are not supported: sign the payload or leave it unsigned.',
      '',
    );
    return false;
  }
  const payloadHash = payloadHashOf(req, body);
  if (payloadHash === undefined) {
    sendError(
      res,
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      '',
    );
    return false;
  }
  const mapped = mapRequest(req);
  if (mapped === undefined) {
    sendError(res, 400, 'InvalidRequest', 'This service does not support this request.', '');
    return false;
  }
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const result = await authorizer.authorize({
    request: {
      method: req.method ?? 'GET',
      path: queryStart < 0 ? url : url.slice(0, queryStart),
      query: queryStart < 0 ? '' : url.slice(queryStart + 1),
      headers: req.headers,
      payloadHash,
      ...sourceOf(req),
    },
    ...mapped,
  });
  if (result.decision === 'Allow') {
    req.warden = { body, result };
    return true;
  }
  const code = result.error?.code ?? 'AccessDenied';
  sendError(res, 403, code, result.error?.message ?? result.reason.message, result.requestId);
  return false;
}

/**
 * The hash to forward: the body's own. When the client signed a hex hash it must be the body's
 * (else undefined: refused); `UNSIGNED-PAYLOAD` and streaming markers are forwarded as signed.
 */
export function payloadHashOf(req: IncomingMessage, body: Buffer): string | undefined {
  const actual = createHash('sha256').update(body).digest('hex');
  const claimed = req.headers['x-amz-content-sha256'];
  if (typeof claimed !== 'string') return isPresigned(req) ? UNSIGNED : actual;
  const lower = claimed.toLowerCase();
  if (!HEX_SHA256.test(lower)) return claimed;
  return lower === actual ? actual : undefined;
}

/** A presigned URL signs no payload (S3's rule for query authentication). */
const isPresigned = (req: IncomingMessage): boolean => (req.url ?? '').includes('X-Amz-Signature=');

function sourceOf(req: IncomingMessage): { sourceIp?: string; secureTransport: boolean } {
  const address = req.socket.remoteAddress;
  const secureTransport = 'encrypted' in req.socket && req.socket.encrypted === true;
  if (address === undefined) return { secureTransport };
  return { sourceIp: address.startsWith('::ffff:') ? address.slice(7) : address, secureTransport };
}

/** The whole body, or undefined once it passes `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, code: string, message: string, requestId: string) {
  const xml = awsErrorXml(code, message, requestId);
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
    ...(requestId === '' ? {} : { 'x-amz-request-id': requestId }),
  });
  res.end(xml);
}
