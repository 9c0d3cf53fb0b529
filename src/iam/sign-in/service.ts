import type { Clock, Ids } from '../../core/index.ts';
import type { ConsoleSessionKind, ConsoleSessionRecord, Store, StoreTx } from '../../store/port.ts';
import type { Account, Caller, PasswordHasher, SecretBox } from '../action.ts';
import { consoleCaller, loadPrincipal, type ConsolePrincipal } from './principal.ts';
import type { SignInSettings } from './settings.ts';
import type { SignInThrottle } from './throttle.ts';
import { csrfTokenOf, isTokenShaped, newToken, tokenHash } from './tokens.ts';

/** What the sign-in domain is built from (by the composition root). */
export interface SignInDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly passwords: PasswordHasher;
  readonly secrets: SecretBox;
  readonly account: () => Account;
  readonly settings: SignInSettings;
  readonly throttle: SignInThrottle;
}

/** A live console session, resolved from its cookie. */
export interface ActiveSession {
  readonly record: ConsoleSessionRecord;
  readonly principal: ConsolePrincipal;
  readonly caller: Caller;
  readonly csrfToken: string;
  /** When the session ends if unused from now on. */
  readonly idleExpiresAt: Date;
}

/** A session just granted: the token goes into the cookie, never into the store. */
export interface GrantedSession {
  readonly status: 'signed-in';
  readonly token: string;
  readonly csrfToken: string;
  readonly record: ConsoleSessionRecord;
}

/** A sign-in step still due (its single-use token travels in the JSON answer). */
export interface PendingStep {
  readonly status: 'mfa-required' | 'password-change-required';
  readonly challenge: string;
  readonly expiresAt: Date;
  readonly reason?: 'reset-required' | 'expired';
}

export type StepOutcome = GrantedSession | PendingStep;

/** Sessions: creation, lookup with idle and absolute expiry, sign-out. */
export class ConsoleSessions {
  constructor(protected readonly deps: SignInDeps) {}

  /** Inserts a session or a step row for `principal`; returns its token. */
  protected async insert(
    tx: StoreTx,
    kind: ConsoleSessionKind,
    principal: string,
    sourceIp: string,
    mfaAt: Date | undefined,
  ): Promise<{ token: string; record: ConsoleSessionRecord }> {
    const now = this.deps.clock.now();
    const { absoluteMs, challengeMs } = this.deps.settings;
    const token = newToken(this.deps.ids);
    const record: ConsoleSessionRecord = {
      tokenHash: tokenHash(token),
      kind,
      principal,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + (kind === 'session' ? absoluteMs : challengeMs)),
      ...(mfaAt !== undefined && { mfaAt }),
      sourceIp,
    };
    await tx.consoleSessions.insert(record);
    return { token, record };
  }

  protected async grant(
    tx: StoreTx,
    principal: string,
    sourceIp: string,
    mfaAt: Date | undefined,
  ): Promise<GrantedSession> {
    const { token, record } = await this.insert(tx, 'session', principal, sourceIp, mfaAt);
    return { status: 'signed-in', token, csrfToken: csrfTokenOf(token), record };
  }

  /** Reads a step row by its token: undefined unless it is of `kind` and not expired. */
  protected async step(
    tx: StoreTx,
    token: string,
    kind: ConsoleSessionKind,
  ): Promise<ConsoleSessionRecord | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const record = await tx.consoleSessions.get(tokenHash(token));
    if (record?.kind !== kind) return undefined;
    return record.expiresAt.getTime() > this.deps.clock.now().getTime() ? record : undefined;
  }

  /**
   * The session behind a cookie, or undefined (unknown, expired by idleness or age, or its user
   * deleted: an expired row is deleted on sight). A use moves last-seen forward at most once a
   * minute, so a busy session costs about one write a minute.
   */
  async resolve(token: string): Promise<ActiveSession | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const hash = tokenHash(token);
    const now = this.deps.clock.now();
    const { idleMs } = this.deps.settings;
    return this.deps.store.transaction(async (tx) => {
      const record = await tx.consoleSessions.get(hash);
      if (record?.kind !== 'session') return undefined;
      const idleEnd = record.lastSeenAt.getTime() + idleMs;
      if (record.expiresAt.getTime() <= now.getTime() || idleEnd <= now.getTime()) {
        await tx.consoleSessions.delete(hash);
        return undefined;
      }
      const principal = await loadPrincipal(tx, record.principal);
      if (principal === undefined) {
        await tx.consoleSessions.delete(hash);
        return undefined;
      }
      const touch = now.getTime() - record.lastSeenAt.getTime() >= 60_000;
      if (touch) await tx.consoleSessions.touch(hash, now);
      const seen = touch ? now.getTime() : record.lastSeenAt.getTime();
      return {
        record,
        principal,
        caller: consoleCaller(principal, record, this.deps.account()),
        csrfToken: csrfTokenOf(token),
        idleExpiresAt: new Date(Math.min(seen + idleMs, record.expiresAt.getTime())),
      };
    });
  }

  /** Ends the session (idempotent). */
  async signOut(token: string): Promise<void> {
    if (!isTokenShaped(token)) return;
    await this.deps.store.transaction((tx) => tx.consoleSessions.delete(tokenHash(token)));
  }

  /** Deletes expired sessions and steps (run now and then by the server). */
  async purge(): Promise<number> {
    const now = this.deps.clock.now();
    const idleBefore = new Date(now.getTime() - this.deps.settings.idleMs);
    return this.deps.store.transaction((tx) => tx.consoleSessions.purgeExpired(now, idleBefore));
  }
}
