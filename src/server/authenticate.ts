import type { Account, Caller } from '../iam/action.ts';
import { identityCaller } from '../iam/identity-caller.ts';
import { ROOT_OWNER, type AccessKeyRecord, type Store, type UserRecord } from '../store/port.ts';
import {
  checkSessionToken,
  findSession,
  invalidToken,
  isSessionKeyId,
  sessionCaller,
  type SessionOwner,
} from '../sts/session-caller.ts';

/** The credentials behind a request, read before the signature is checked, with their owner. */
export type KeyLookup =
  | {
      readonly kind: 'key';
      readonly key: AccessKeyRecord;
      /** Absent for the root's keys. */
      readonly user?: UserRecord;
    }
  | ({ readonly kind: 'session' } & SessionOwner);

/** The sealed secret the signature is checked with. */
export const sealedSecretOf = (found: KeyLookup): string =>
  found.kind === 'key' ? found.key.sealedSecret : found.session.sealedSecret;

/**
 * Finds an active access key and the user that owns it, or (ASIA...) a session and its role or
 * user. Unknown and inactive keys are indistinguishable to the client, as in AWS.
 */
export async function lookUpKey(store: Store, accessKeyId: string): Promise<KeyLookup | undefined> {
  return store.transaction(async (tx) => {
    if (isSessionKeyId(accessKeyId)) {
      const owner = await findSession(tx, accessKeyId);
      return owner === undefined ? undefined : { kind: 'session', ...owner };
    }
    const key = await tx.accessKeys.get(accessKeyId);
    if (key === undefined || key.status !== 'Active') return undefined;
    if (key.owner === ROOT_OWNER) return { kind: 'key', key };
    const user = await tx.users.getById(key.owner);
    return user === undefined ? undefined : { kind: 'key', key, user };
  });
}

/**
 * What the signature alone does not settle: a session needs its X-Amz-Security-Token and must not
 * have expired; a long-term key must not come with a token (it belongs to no session).
 */
export function checkCredentials(found: KeyLookup, securityToken: string | undefined, now: Date): void {
  if (found.kind === 'session') checkSessionToken(found, securityToken, now);
  else if (securityToken !== undefined) throw invalidToken();
}

/** The principal verified credentials speak for, with ARNs in the partition of the signing region. */
export function callerOf(found: KeyLookup, account: Account): Caller {
  if (found.kind === 'session') return sessionCaller(found, account);
  return identityCaller(account, found.user, found.key.accessKeyId);
}
