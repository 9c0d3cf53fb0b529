/**
 * A tiny S3-compatible log sink: `PUT /BUCKET/KEY` (what @aws-sdk/client-s3's PutObject sends with
 * `forcePathStyle` and an `endpoint`) stores the object under a directory, but only for callers
 * Warden allows `s3:PutObject` on `arn:aws:s3:::BUCKET/KEY`. It holds no credentials of its
 * callers: every request is authenticated and authorized by Warden through the middleware.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, resolve, sep } from 'node:path';
import {
  awsErrorXml,
  wardenAuthorization,
  type AuthorizedRequest,
  type MappedRequest,
  type WardenAuthorizer,
} from '../../src/client/index.ts';
import { crc32Base64, decodeAwsChunked } from './aws-chunked.ts';

export interface LogUploadOptions {
  readonly authorizer: WardenAuthorizer;
  /** The one bucket this service holds. */
  readonly bucket: string;
  /** Where objects are written: `<dir>/<bucket>/<key>`. */
  readonly dir: string;
  readonly maxBodyBytes?: number;
}

/** `/logs/app/a%20b.log` -> `app/a b.log`; undefined when the key could escape the directory. */
export function objectKey(path: string, bucket: string): string | undefined {
  const prefix = `/${bucket}/`;
  if (!path.startsWith(prefix)) return undefined;
  let key: string;
  try {
    key = path.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
  const segments = key.split('/');
  if (key === '' || segments.some((s) => s === '..' || s === '.' || s.includes('\0'))) return undefined;
  return key;
}

const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';

export function createLogUploadService(options: LogUploadOptions): Server {
  const { bucket } = options;
  const mapRequest = (req: IncomingMessage): MappedRequest | undefined => {
    const key = objectKey(pathOf(req), bucket);
    if (key === undefined) return undefined;
    const acl = req.headers['x-amz-acl'];
    return {
      action: 's3:PutObject',
      resource: `arn:aws:s3:::${bucket}/${key}`,
      ...(typeof acl === 'string' ? { context: { 's3:x-amz-acl': acl } } : {}),
    };
  };
  const authorize = wardenAuthorization(options.authorizer, mapRequest, {
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  return createServer((req: AuthorizedRequest, res) => {
    const path = pathOf(req);
    if (req.method !== 'PUT') {
      return sendError(
        res,
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
      );
    }
    if (path.split('/')[1] !== bucket) {
      return sendError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    }
    authorize(req, res, (error?: unknown) => {
      if (error !== undefined)
        return sendError(res, 503, 'ServiceUnavailable', 'Authorization is unavailable.');
      store(options, req, res).catch(() =>
        sendError(res, 500, 'InternalError', 'We encountered an internal error.'),
      );
    });
  });
}

async function store(options: LogUploadOptions, req: AuthorizedRequest, res: ServerResponse): Promise<void> {
  const key = objectKey(pathOf(req), options.bucket);
  const raw = req.warden?.body;
  if (key === undefined || raw === undefined)
    return sendError(res, 400, 'InvalidRequest', 'Not an object upload.');
  const body = bodyOf(req, raw);
  if (body === undefined) {
    return sendError(res, 400, 'IncompleteBody', 'The request body is not valid aws-chunked data.');
  }
  if (body === BAD_DIGEST) {
    return sendError(res, 400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
  }
  const root = resolve(options.dir, options.bucket);
  const file = resolve(root, ...key.split('/'));
  if (!file.startsWith(root + sep)) return sendError(res, 400, 'InvalidRequest', 'Invalid key.');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, body);
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  res.writeHead(200, { etag, 'x-amz-request-id': randomUUID(), 'content-length': 0 });
  res.end();
}

const BAD_DIGEST = Symbol('bad digest');

/**
 * The object's bytes, with the CRC32 checked when the client sent one (as a header, or as the
 * trailer of an aws-chunked body, the only integrity check an unsigned streamed upload has).
 */
function bodyOf(req: IncomingMessage, raw: Buffer): Buffer | typeof BAD_DIGEST | undefined {
  const decoded = isChunked(req) ? decodeAwsChunked(raw) : { data: raw, trailers: {} };
  if (decoded === undefined) return undefined;
  const header = req.headers['x-amz-checksum-crc32'];
  const trailer: string | undefined = decoded.trailers['x-amz-checksum-crc32'];
  const claimed = trailer ?? (typeof header === 'string' ? header : undefined);
  return claimed === undefined || claimed === crc32Base64(decoded.data) ? decoded.data : BAD_DIGEST;
}

/** Streamed uploads (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`) arrive aws-chunked. */
const isChunked = (req: IncomingMessage): boolean =>
  (req.headers['content-encoding'] ?? '').includes('aws-chunked') ||
  String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = awsErrorXml(code, message, randomUUID());
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}
