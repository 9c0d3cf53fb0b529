import { WardenError } from '../../core/index.ts';
import { ROOT_OWNER, type StoreTx } from '../../store/port.ts';
import type { Caller } from '../action.ts';
import { defaultPolicyViolations, passwordExpiry } from '../password-policy.ts';
import { verifyMfaCode } from '../mfa.ts';
import {
  invalidChallenge,
  invalidCredentials,
  invalidMfaCode,
  passwordExpired,
  SignInError,
} from './errors.ts';
import { consoleCaller, loadPrincipal } from './principal.ts';
import { ConsoleSessions, type SignInDeps, type StepOutcome } from './service.ts';
import type { ThrottleKey } from './throttle.ts';

/** Root signs in with its email; an IAM user with the account id or alias and its name. */
export type SignInRequest =
  | { readonly kind: 'root'; readonly email: string; readonly password: string }
  | { readonly kind: 'user'; readonly account: string; readonly userName: string; readonly password: string };

/** Whose password is being checked, read in one short transaction before the slow hash. */
interface Target {
  readonly principal: string;
  readonly passwordHash: string;
}

/** Runs IAM ChangePassword as `caller` (the server's action path: authorized, in a transaction). */
export type ChangeUserPassword = (caller: Caller, oldPassword: string, newPassword: string) => Promise<void>;

const MFA_DEVICES_TRIED = 8;

/**
 * The console sign-in (issue 6): password, then an MFA code when the principal has a device, then
 * a password change when one is due, then a session. Failures go through the throttle; unknown
 * names cost one password hash like known ones (a dummy hash), so the answer and its timing do
 * not tell them apart.
 */
export class ConsoleSignIn extends ConsoleSessions {
  private readonly dummyHash: Promise<string>;

  constructor(deps: SignInDeps) {
    super(deps);
    this.dummyHash = deps.passwords.hash(Buffer.from(deps.ids.bytes(16)).toString('base64'));
  }

  async signIn(request: SignInRequest, sourceIp: string): Promise<StepOutcome> {
    const now = this.deps.clock.now();
    const keys = throttleKeys(this.deps.account().id, nameOf(request), sourceIp);
    this.admit(keys);
    const target = await this.deps.store.transaction((tx) => findTarget(tx, request, this.deps));
    // The hash is computed for every attempt, known name or not, before anything is decided.
    const matches = await this.deps.passwords.verify(
      request.password,
      target?.passwordHash ?? (await this.dummyHash),
    );
    if (target === undefined || !matches) {
      this.deps.throttle.fail(keys, now);
      throw invalidCredentials();
    }
    const outcome = await this.deps.store.transaction(async (tx) => {
      const reason = await passwordChangeReason(tx, target.principal, now);
      if (reason === 'hard-expired') throw passwordExpired();
      await recordPasswordUse(tx, target.principal, now);
      if ((await tx.mfaDevices.countAssigned(target.principal)) > 0) {
        return this.pending(tx, 'mfa', target.principal, sourceIp, undefined);
      }
      return this.afterSecondFactor(tx, target.principal, sourceIp, undefined, reason);
    });
    // With an MFA step due, the name's failures stand until the code is right: otherwise anyone
    // holding the password could reset the count between guesses of the code.
    if (outcome.status !== 'mfa-required') this.deps.throttle.succeed(keys[0]!);
    return outcome;
  }

  /** The MFA step: a code of one of the principal's devices (or of `serialNumber`). */
  async verifyMfa(challenge: string, code: string, serialNumber: string | undefined, sourceIp: string) {
    const now = this.deps.clock.now();
    const step = await this.deps.store.transaction(async (tx) => {
      const record = await this.step(tx, challenge, 'mfa');
      return record && { record, name: await principalName(tx, record.principal) };
    });
    if (step === undefined) throw invalidChallenge();
    const keys = throttleKeys(this.deps.account().id, step.name, sourceIp);
    this.admit(keys);
    const outcome = await this.deps.store.transaction(async (tx) => {
      const principal = step.record.principal;
      const serials =
        serialNumber !== undefined
          ? [serialNumber]
          : (await tx.mfaDevices.listAssigned(principal, { maxItems: MFA_DEVICES_TRIED })).items.map(
              (d) => d.serialNumber,
            );
      let verified = false;
      for (const serial of serials) {
        const result = await verifyMfaCode({ store: tx, secrets: this.deps.secrets }, serial, code, now);
        if (result.ok && result.assignee === principal) {
          verified = true;
          break;
        }
      }
      if (!verified) return undefined;
      if (!(await tx.consoleSessions.delete(step.record.tokenHash))) throw invalidChallenge();
      const reason = await passwordChangeReason(tx, principal, now);
      return this.afterSecondFactor(tx, principal, sourceIp, now, reason);
    });
    if (outcome === undefined) {
      this.deps.throttle.fail(keys, now);
      throw invalidMfaCode();
    }
    this.deps.throttle.succeed(keys[0]!);
    return outcome;
  }

  /**
   * The forced password change: IAM ChangePassword run as the user (so the account policy, reuse
   * prevention and the user's permission to change its password all apply), then a session.
   */
  async changePassword(
    challenge: string,
    oldPassword: string,
    newPassword: string,
    sourceIp: string,
    change: ChangeUserPassword,
  ): Promise<StepOutcome> {
    const found = await this.deps.store.transaction(async (tx) => {
      const record = await this.step(tx, challenge, 'password-change');
      const principal = record && (await loadPrincipal(tx, record.principal));
      return record && principal && { record, principal };
    });
    if (found === undefined) throw invalidChallenge();
    await change(consoleCaller(found.principal, found.record, this.deps.account()), oldPassword, newPassword);
    return this.deps.store.transaction(async (tx) => {
      if (!(await tx.consoleSessions.delete(found.record.tokenHash))) throw invalidChallenge();
      return this.grant(tx, found.record.principal, sourceIp, found.record.mfaAt);
    });
  }

  /**
   * The root changes its own console password (no IAM action exists for it): the old one must
   * match and the new one meet AWS's default rules for root passwords.
   */
  async changeRootPassword(oldPassword: string, newPassword: string): Promise<void> {
    const login = await this.deps.store.transaction((tx) => tx.rootLogin.get());
    const matches = await this.deps.passwords.verify(
      oldPassword,
      login?.passwordHash ?? (await this.dummyHash),
    );
    // The same answers as IAM ChangePassword gives a user.
    if (login === undefined || !matches)
      throw new WardenError('AccessDenied', 'The old password is incorrect.');
    const broken = defaultPolicyViolations(newPassword);
    if (broken.length > 0) {
      throw new WardenError(
        'PasswordPolicyViolation',
        `Password does not conform to the account password policy. ${broken.join('; ')}.`,
      );
    }
    const passwordHash = await this.deps.passwords.hash(newPassword);
    const now = this.deps.clock.now();
    await this.deps.store.transaction((tx) =>
      tx.rootLogin.put({ ...login, passwordHash, passwordChangedDate: now }),
    );
  }

  private admit(keys: readonly ThrottleKey[]): void {
    const verdict = this.deps.throttle.check(keys, this.deps.clock.now());
    if (verdict.allowed) return;
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw verdict.locked
      ? new SignInError(
          'LockedOut',
          `Too many failed sign-in attempts. Sign-in is locked; try again in ${seconds} seconds.`,
          verdict.retryAfterMs,
        )
      : new SignInError(
          'Throttled',
          `Too many failed attempts; wait ${seconds} seconds.`,
          verdict.retryAfterMs,
        );
  }

  private async afterSecondFactor(
    tx: StoreTx,
    principal: string,
    sourceIp: string,
    mfaAt: Date | undefined,
    reason: PasswordChangeReason,
  ): Promise<StepOutcome> {
    if (reason === 'hard-expired') throw passwordExpired();
    if (reason !== undefined) return this.pending(tx, 'password-change', principal, sourceIp, mfaAt, reason);
    return this.grant(tx, principal, sourceIp, mfaAt);
  }

  private async pending(
    tx: StoreTx,
    kind: 'mfa' | 'password-change',
    principal: string,
    sourceIp: string,
    mfaAt: Date | undefined,
    reason?: 'reset-required' | 'expired',
  ): Promise<StepOutcome> {
    const { token, record } = await this.insert(tx, kind, principal, sourceIp, mfaAt);
    return {
      status: kind === 'mfa' ? 'mfa-required' : 'password-change-required',
      challenge: token,
      expiresAt: record.expiresAt,
      ...(reason !== undefined && { reason }),
    };
  }
}

type PasswordChangeReason = 'reset-required' | 'expired' | 'hard-expired' | undefined;

const nameOf = (request: SignInRequest): string =>
  request.kind === 'root' ? `root:${request.email.toLowerCase()}` : `user:${request.userName.toLowerCase()}`;

/** A name's failures count in its own account (one throttle serves every account). */
const throttleKeys = (account: string, name: string, sourceIp: string): ThrottleKey[] => [
  { kind: 'name', value: `${account}/${name}` },
  { kind: 'ip', value: sourceIp },
];

async function principalName(tx: StoreTx, principal: string): Promise<string> {
  if (principal === ROOT_OWNER) return `root:${((await tx.rootLogin.get())?.email ?? '').toLowerCase()}`;
  return `user:${((await tx.users.getById(principal))?.userName ?? principal).toLowerCase()}`;
}

async function findTarget(
  tx: StoreTx,
  request: SignInRequest,
  deps: Pick<SignInDeps, 'account'>,
): Promise<Target | undefined> {
  if (request.kind === 'root') {
    const login = await tx.rootLogin.get();
    const same = login !== undefined && login.email.toLowerCase() === request.email.trim().toLowerCase();
    return same ? { principal: ROOT_OWNER, passwordHash: login.passwordHash } : undefined;
  }
  const account = request.account.trim().toLowerCase();
  const alias = (await tx.account.get())?.alias;
  if (account !== deps.account().id && (alias === undefined || account !== alias.toLowerCase()))
    return undefined;
  const user = await tx.users.getByName(request.userName);
  const profile = user && (await tx.loginProfiles.get(user.userId));
  return profile && { principal: profile.userId, passwordHash: profile.passwordHash };
}

async function passwordChangeReason(
  tx: StoreTx,
  principal: string,
  now: Date,
): Promise<PasswordChangeReason> {
  if (principal === ROOT_OWNER) return undefined;
  const profile = await tx.loginProfiles.get(principal);
  if (profile === undefined) return undefined;
  const expiry = passwordExpiry(profile, await tx.passwordPolicy.get(), now);
  if (expiry.state === 'hard-expired') return 'hard-expired';
  if (profile.passwordResetRequired) return 'reset-required';
  return expiry.state === 'expired' ? 'expired' : undefined;
}

async function recordPasswordUse(tx: StoreTx, principal: string, now: Date): Promise<void> {
  if (principal === ROOT_OWNER) await tx.rootLogin.recordUse(now);
  else await tx.users.update(principal, { passwordLastUsed: now });
}
