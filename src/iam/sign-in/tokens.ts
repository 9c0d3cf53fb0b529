import { createHash, createHmac } from 'node:crypto';
import type { Ids } from '../../core/index.ts';

/**
 * Console tokens: 256 random bits, base64url. The store keeps only their SHA-256 (a token of 256
 * random bits needs no slow hash: it cannot be guessed, only stolen, and a stolen database then
 * holds nothing usable). The CSRF token is derived from the session token (HMAC), so it needs no
 * storage and is bound to its session.
 */

const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const newToken = (ids: Ids): string => Buffer.from(ids.bytes(TOKEN_BYTES)).toString('base64url');

/** Whether a string from a client can be a token at all (cheap refusal before any lookup). */
export const isTokenShaped = (text: string): boolean => TOKEN_SHAPE.test(text);

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export const csrfTokenOf = (sessionToken: string): string =>
  createHmac('sha256', sessionToken).update('warden-console-csrf').digest('base64url');

/** A stable, non-secret id for the session's Caller.accessKeyId (logs, last-used records). */
export const sessionKeyId = (hash: string): string => `ASIA${hash.slice(0, 16).toUpperCase()}`;
