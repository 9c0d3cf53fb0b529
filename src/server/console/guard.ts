import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * CSRF defence for the console API, in layers:
 * 1. every state-changing request must be `application/json` (a cross-site form or a "simple"
 *    fetch cannot send that without a CORS preflight, which Warden never grants);
 * 2. a browser's Origin must be this server's own origin, and its Sec-Fetch-Site `same-origin`
 *    (or `none`: typed by the user); requests without these headers are not from a browser page;
 * 3. with a session, the `X-CSRF-Token` header must carry the session's CSRF token (handed out
 *    by sign-in and whoami, derived from the session token, compared in constant time).
 * The SameSite=Strict cookie alone already keeps cross-site requests unauthenticated.
 */

export const CSRF_HEADER = 'x-csrf-token';

export function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}

/** Refusal reason, or undefined when the request may come from our own pages. */
export function crossSiteReason(req: IncomingMessage, secure: boolean): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}`;
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  const expected = `${secure ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  return origin.toLowerCase() === expected.toLowerCase() ? undefined : `Origin ${origin} is not ${expected}`;
}

export function csrfTokenMatches(req: IncomingMessage, expected: string): boolean {
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}
