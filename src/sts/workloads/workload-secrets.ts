import { createHash, timingSafeEqual } from 'node:crypto';
import type { Ids } from '../../core/index.ts';

/**
 * A workload's id and bearer token. The id looks like an EC2 instance id (`i-` and 17 lowercase
 * hex digits) and is no secret: GetCallerIdentity shows it. The token is 32 random bytes; the
 * store keeps only its SHA-256, compared in constant time.
 */

export const WORKLOAD_ID = /^i-[0-9a-f]{17}$/;

export function newWorkloadId(ids: Ids): string {
  return `i-${Buffer.from(ids.bytes(9)).toString('hex').slice(0, 17)}`;
}

/** Recognisable in a leaked-secret scan, URL- and header-safe. */
export function newWorkloadToken(ids: Ids): string {
  return `wdnwl-${Buffer.from(ids.bytes(32)).toString('base64url')}`;
}

export const hashWorkloadToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether `token` is the one whose hash is `storedHash`, in constant time. */
export function workloadTokenMatches(token: string | undefined, storedHash: string): boolean {
  if (token === undefined || token === '') return false;
  const presented = Buffer.from(hashWorkloadToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
