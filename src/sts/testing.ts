import type { Caller } from '../iam/action.ts';
import type { Harness } from '../iam/testing/harness.ts';
import type { WireCredentials } from './issue.ts';
import { checkSessionToken, findSession, invalidToken, sessionCaller } from './session-caller.ts';

/**
 * What the server does with temporary credentials, at harness level: find the session, check the
 * token against it at the harness clock's time, and build the caller. The secret must open to the
 * one handed out.
 */
export async function callerOfCredentials(
  h: Harness,
  credentials: WireCredentials,
  /** null: no X-Amz-Security-Token at all. */
  token: string | null = credentials.SessionToken,
): Promise<Caller> {
  return h.store.transaction(async (tx) => {
    const owner = await findSession(tx, credentials.AccessKeyId);
    if (owner === undefined) throw invalidToken();
    if (h.secrets.open(owner.session.sealedSecret) !== credentials.SecretAccessKey) {
      throw new Error('the stored secret is not the one handed out');
    }
    checkSessionToken(owner, token ?? undefined, h.clock.now());
    return sessionCaller(owner, h.account);
  });
}
