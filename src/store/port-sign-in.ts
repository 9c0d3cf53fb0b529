/**
 * The storage port's console sign-in part (StoreTx.rootLogin, .consoleSessions) and the view of
 * every sealed secret that master-key rotation walks (StoreTx.sealedSecrets). Same conventions as
 * port.ts: camelCase records, `undefined` for absence.
 */

/** The account root's console credentials: its email and a PasswordHasher hash. */
export interface RootLoginRecord {
  readonly email: string;
  /** PasswordHasher output: never a plaintext password. */
  readonly passwordHash: string;
  readonly passwordChangedDate: Date;
  readonly passwordLastUsed?: Date | undefined;
}

/** Kept by `wipeAll` (the test-hooks reset): the operator keeps the password it was given. */
export interface RootLoginRepo {
  get(): Promise<RootLoginRecord | undefined>;
  /** Creates or replaces the one row. */
  put(login: RootLoginRecord): Promise<void>;
  /** Sets PasswordLastUsed; false when there is no row. */
  recordUse(date: Date): Promise<boolean>;
}

/**
 * A console session, or one of the short-lived steps before it: `mfa` (password accepted, a code
 * is due) and `password-change` (the password must be changed before a session is granted).
 */
export type ConsoleSessionKind = 'session' | 'mfa' | 'password-change';

export interface ConsoleSessionRecord {
  /** SHA-256 (hex) of the token: the token itself is never stored. */
  readonly tokenHash: string;
  readonly kind: ConsoleSessionKind;
  /** A user id, or ROOT_OWNER. */
  readonly principal: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** The absolute expiry. */
  readonly expiresAt: Date;
  /** When an MFA code was verified during this sign-in (absent: signed in without MFA). */
  readonly mfaAt?: Date | undefined;
  readonly sourceIp: string;
}

export interface ConsoleSessionsRepo {
  insert(session: ConsoleSessionRecord): Promise<void>;
  get(tokenHash: string): Promise<ConsoleSessionRecord | undefined>;
  /** Moves last_seen_at forward (never back); false if no such session. */
  touch(tokenHash: string, at: Date): Promise<boolean>;
  /** True only for the call that deleted it: a single-use step is consumed exactly once. */
  delete(tokenHash: string): Promise<boolean>;
  /** Signs a principal out everywhere; returns how many rows went. */
  deleteForPrincipal(principal: string): Promise<number>;
  /** Deletes rows past their absolute expiry, or idle since before `idleBefore` (sessions only). */
  purgeExpired(now: Date, idleBefore: Date): Promise<number>;
}

/** One sealed (SecretBox) value at rest, wherever it lives. */
export interface SealedSecretRef {
  /** Which column: `access-key`, `mfa-seed`, `sts-session`, ... (the adapter's list). */
  readonly kind: string;
  /** The row's key within that kind. */
  readonly id: string;
  readonly sealed: string;
}

/**
 * Every sealed secret the store holds, for `warden master-key rotate`: read in pages in a stable
 * order, replaced one at a time only if unchanged since read (so a concurrent write is never lost).
 */
export interface SealedSecretsRepo {
  /** Up to `limit` values after `after` (kind, then id order); empty at the end. */
  page(after: { kind: string; id: string } | undefined, limit: number): Promise<readonly SealedSecretRef[]>;
  /** Replaces `ref.sealed` by `sealed`; false when the row is gone or its value changed. */
  replace(ref: SealedSecretRef, sealed: string): Promise<boolean>;
}
