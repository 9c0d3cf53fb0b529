import type { ActionContext } from '../iam/action.ts';
import type { SessionRecord } from '../store/port.ts';
import { hashSessionToken, newSessionToken } from './session-credentials.ts';

/** The `Credentials` structure of every STS answer (sts-api.md B.1). */
export interface WireCredentials {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken: string;
  readonly Expiration: Date;
}

/**
 * Expired sessions are kept a day, so a client still using one hears ExpiredToken (not that its
 * token is unknown); then they are purged, at the next issue.
 */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

/** What a new session is, beyond the credentials that `issueSession` makes for it. */
export type SessionFacts = Omit<
  SessionRecord,
  'accessKeyId' | 'sealedSecret' | 'tokenHash' | 'issueTime' | 'expiration'
>;

/** What issuing a session needs: workloads' credentials are issued with no caller. */
export type SessionIssuer = Pick<ActionContext, 'store' | 'clock' | 'ids' | 'secrets' | 'account'>;

/**
 * Makes the credentials (ASIA key id, secret, token), stores the session with the secret sealed and
 * only a hash of the token, and purges sessions long expired. Runs in the request's transaction.
 */
export async function issueSession(
  ctx: SessionIssuer,
  facts: SessionFacts,
  durationSeconds: number,
): Promise<WireCredentials> {
  const now = ctx.clock.now();
  const expiration = new Date(now.getTime() + durationSeconds * 1000);
  const secret = ctx.ids.secretAccessKey();
  const token = newSessionToken(ctx.ids);
  await ctx.store.sessions.purgeExpired(new Date(now.getTime() - KEEP_EXPIRED_MS));
  for (;;) {
    const accessKeyId = ctx.ids.accessKeyId('ASIA', ctx.account.id);
    const session: SessionRecord = {
      ...facts,
      accessKeyId,
      sealedSecret: ctx.secrets.seal(secret),
      tokenHash: hashSessionToken(token),
      issueTime: now,
      expiration,
    };
    // 80 random bits: a clash is next to impossible, but a key id must never be reused.
    if ((await ctx.store.sessions.insert(session)) === 'inserted') {
      return {
        AccessKeyId: accessKeyId,
        SecretAccessKey: secret,
        SessionToken: token,
        Expiration: expiration,
      };
    }
  }
}
