import type { Account, Caller } from '../iam/action.ts';
import { rootArn, userArn } from '../iam/arns.ts';
import { ROOT_OWNER, type AccessKeyRecord, type Store, type UserRecord } from '../store/port.ts';

/** The key behind a request, read before the signature is checked, with its owner. */
export interface KeyLookup {
  readonly key: AccessKeyRecord;
  /** Absent for the root's keys. */
  readonly user?: UserRecord;
}

/**
 * Finds an active access key and the user that owns it. Unknown and inactive keys are
 * indistinguishable to the client, as in AWS.
 */
export async function lookUpKey(store: Store, accessKeyId: string): Promise<KeyLookup | undefined> {
  return store.transaction(async (tx) => {
    const key = await tx.accessKeys.get(accessKeyId);
    if (key === undefined || key.status !== 'Active') return undefined;
    if (key.owner === ROOT_OWNER) return { key };
    const user = await tx.users.getById(key.owner);
    return user === undefined ? undefined : { key, user };
  });
}

/** The principal a verified key speaks for, with ARNs in the partition of the signing region. */
export function callerOf(found: KeyLookup, account: Account): Caller {
  const accessKeyId = found.key.accessKeyId;
  const { user } = found;
  if (user === undefined) return { kind: 'root', arn: rootArn(account), accountId: account.id, accessKeyId };
  return {
    kind: 'user',
    arn: userArn(account, user.path, user.userName),
    accountId: account.id,
    accessKeyId,
    userId: user.userId,
    userName: user.userName,
  };
}

/**
 * Records the key's last use (GetAccessKeyLastUsed, credential report). Skipped without touching
 * the store when the stored record is less than a minute old for the same service and region, so
 * a busy key costs about one write a minute.
 */
export async function recordKeyUse(
  store: Store,
  key: AccessKeyRecord,
  use: { date: Date; service: string; region: string },
): Promise<void> {
  const fresh =
    key.lastUsedDate !== undefined &&
    use.date.getTime() - key.lastUsedDate.getTime() < 60_000 &&
    key.lastUsedService === use.service &&
    key.lastUsedRegion === use.region;
  if (!fresh) await store.transaction((tx) => tx.accessKeys.recordUse(key.accessKeyId, use));
}
