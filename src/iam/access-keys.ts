import { WardenError } from '../core/index.ts';
import { ROOT_OWNER, type AccessKeyRecord, type StoreTx } from '../store/port.ts';
import type { Subject } from './lookups.ts';

/** Shared by the access-key actions: whose keys they act on, and AWS's not-found wording. */

export const ownerOf = (subject: Subject): string =>
  subject.kind === 'root' ? ROOT_OWNER : subject.user.userId;

/** The name shown in outputs: the user's, or none for the root (it is not an IAM user). */
export const ownerName = (subject: Subject): string | undefined =>
  subject.kind === 'root' ? undefined : subject.user.userName;

export const noSuchKey = (accessKeyId: string): WardenError =>
  new WardenError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);

/** The key, if it belongs to `subject`; another owner's key is "not found", as in AWS. */
export async function requireOwnKey(
  store: StoreTx,
  subject: Subject,
  accessKeyId: string,
): Promise<AccessKeyRecord> {
  const key = await store.accessKeys.get(accessKeyId);
  if (key === undefined || key.owner !== ownerOf(subject)) throw noSuchKey(accessKeyId);
  return key;
}
