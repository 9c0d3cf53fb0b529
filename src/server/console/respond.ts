import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWardenError, type WardenError } from '../../core/index.ts';
import type { Logger } from '../../iam/action.ts';
import { isSignInError, type SignInErrorCode } from '../../iam/sign-in/errors.ts';
import { readBody } from '../body.ts';
import { toWardenError } from '../execute.ts';

/** A refusal of the console API itself (not of sign-in, not of an AWS action). */
export class ConsoleError extends Error {
  override readonly name = 'ConsoleError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notSignedIn = (): ConsoleError =>
  new ConsoleError(401, 'NotSignedIn', 'No console session, or it has expired. Sign in again.');
export const csrfRejected = (why: string): ConsoleError =>
  new ConsoleError(403, 'CsrfRejected', `Cross-site request refused: ${why}.`);
export const badRequest = (why: string): ConsoleError => new ConsoleError(400, 'BadRequest', why);

const SIGN_IN_STATUS: Record<SignInErrorCode, number> = {
  InvalidCredentials: 401,
  InvalidMfaCode: 401,
  InvalidChallenge: 401,
  PasswordExpired: 403,
  Throttled: 429,
  LockedOut: 429,
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** What a failure was answered with (the request's event records it). */
export interface Answered {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** Every failure as `{ error: { code, message[, type] }, requestId }` with its status. */
export function sendError(res: ServerResponse, error: unknown, requestId: string, log: Logger): Answered {
  if (error instanceof ConsoleError) {
    sendJson(res, error.status, { error: { code: error.code, message: error.message }, requestId });
    return error;
  }
  if (isSignInError(error)) {
    const retry = error.retryAfterMs;
    const headers: Record<string, string> =
      retry === undefined ? {} : { 'retry-after': String(Math.ceil(retry / 1000)) };
    const body = {
      error: {
        code: error.code,
        message: error.message,
        ...(retry !== undefined && { retryAfterSeconds: Math.ceil(retry / 1000) }),
      },
      requestId,
    };
    sendJson(res, SIGN_IN_STATUS[error.code], body, headers);
    return { status: SIGN_IN_STATUS[error.code], code: error.code, message: error.message };
  }
  const wire: WardenError = isWardenError(error) ? error : toWardenError(error, requestId, log);
  sendJson(res, wire.status, {
    error: { code: wire.code, message: wire.message, type: wire.type },
    requestId,
  });
  return wire;
}

/** The JSON object body of a console request (size-limited). */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, limit);
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('The body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** A required string member (1..1024 characters). */
export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
    throw badRequest(`'${name}' must be a non-empty string.`);
  }
  return value;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  return body[name] === undefined ? undefined : stringField(body, name);
}
