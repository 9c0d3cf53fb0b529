import { createHash, timingSafeEqual } from 'node:crypto';
import type { Ids } from '../core/index.ts';

/**
 * The secret parts of temporary credentials. The session token is an opaque random string (AWS:
 * "make no assumptions about its size"); the store keeps only its SHA-256, compared in constant
 * time, so a copy of the database does not hand out working tokens.
 */

/** 96 random bytes, base64: about 128 characters, like the shorter tokens AWS issues. */
export function newSessionToken(ids: Ids): string {
  return `FwoGZXIvYXdzE${Buffer.from(ids.bytes(96)).toString('base64')}`;
}

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether `token` is the one whose hash is `storedHash`, in constant time. */
export function sessionTokenMatches(token: string | undefined, storedHash: string): boolean {
  if (token === undefined) return false;
  const presented = Buffer.from(hashSessionToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
