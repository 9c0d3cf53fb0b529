import type { ServerResponse } from 'node:http';
import type { WardenError } from '../core/index.ts';

/** A JSON answer of Warden's own endpoints (admin API, /v1/authorize), with the request id. */
export function sendJson(res: ServerResponse, status: number, requestId: string, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

/** `{"Error":{"Code","Message"},"RequestId"}` with the code's HTTP status. */
export function sendJsonError(res: ServerResponse, error: WardenError, requestId: string): void {
  sendJson(res, error.status, requestId, {
    Error: { Code: error.code, Message: error.message },
    RequestId: requestId,
  });
}
