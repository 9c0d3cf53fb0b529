import type { IncomingMessage } from 'node:http';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries
 * it), Path=/, and Secure with the `__Host-` prefix when served over TLS (the browser then refuses
 * it over plain HTTP and from any other host or path).
 */
export const cookieName = (secure: boolean): string => (secure ? '__Host-warden-console' : 'warden-console');

export function sessionCookie(token: string, secure: boolean, maxAgeSeconds: number): string {
  const parts = [`${cookieName(secure)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (secure) parts.push('Secure');
  parts.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  return parts.join('; ');
}

export const clearedCookie = (secure: boolean): string => sessionCookie('', secure, 0);

/** The session token from the request's cookies, if any. */
export function sessionTokenOf(req: IncomingMessage, secure: boolean): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  const name = cookieName(secure);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether this request reached us over TLS (directly, or through a proxy we were told to trust). */
export function isSecure(req: IncomingMessage, forceSecure: boolean): boolean {
  return forceSecure || ('encrypted' in req.socket && req.socket.encrypted === true);
}
