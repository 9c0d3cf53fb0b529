import { WardenError } from '../core/index.ts';
import type { LoginProfileRecord, PasswordPolicyRecord } from '../store/port.ts';
import type { ActionContext } from './action.ts';

/**
 * The account password policy (reports.md §4): its defaults, the rules a new password must meet,
 * reuse prevention over the stored hashes, and expiry.
 */

/** What UpdateAccountPasswordPolicy stores for an omitted parameter: the whole policy is replaced. */
export const POLICY_DEFAULTS: PasswordPolicyRecord = {
  minimumPasswordLength: 6,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  hardExpiry: false,
};

/** Passwords kept per user: the most PasswordReusePrevention can ask for. */
export const HISTORY_KEPT = 24;

/** AWS's symbol set for RequireSymbols. */
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

const hasSymbol = (password: string): boolean => [...password].some((c) => SYMBOLS.includes(c));

/** The rules of a custom policy a password breaks, each in words (empty: it conforms). */
export function customPolicyViolations(password: string, policy: PasswordPolicyRecord): string[] {
  const broken: string[] = [];
  if (password.length < policy.minimumPasswordLength) {
    broken.push(`Password should have at least ${policy.minimumPasswordLength} characters`);
  }
  if (policy.requireUppercaseCharacters && !/[A-Z]/.test(password)) {
    broken.push('Password should have at least one uppercase letter');
  }
  if (policy.requireLowercaseCharacters && !/[a-z]/.test(password)) {
    broken.push('Password should have at least one lowercase letter');
  }
  if (policy.requireNumbers && !/[0-9]/.test(password))
    broken.push('Password should have at least one number');
  if (policy.requireSymbols && !hasSymbol(password)) {
    broken.push(`Password should have at least one symbol (${SYMBOLS.split('').join(' ')})`);
  }
  return broken;
}

/**
 * Without a custom policy AWS applies its default one: 8 to 128 characters with at least three of
 * uppercase letters, lowercase letters, digits and symbols.
 */
export function defaultPolicyViolations(password: string): string[] {
  const broken: string[] = [];
  if (password.length < 8) broken.push('Password should have at least 8 characters');
  if (password.length > 128) broken.push('Password should have at most 128 characters');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(password)).length;
  if (classes < 3) {
    broken.push(
      'Password should have at least three of: uppercase letters, lowercase letters, numbers, symbols',
    );
  }
  return broken;
}

export const passwordViolations = (password: string, policy: PasswordPolicyRecord | undefined): string[] =>
  policy === undefined ? defaultPolicyViolations(password) : customPolicyViolations(password, policy);

const violation = (broken: readonly string[]): WardenError =>
  new WardenError(
    'PasswordPolicyViolation',
    `Password does not conform to the account password policy. ${broken.join('; ')}.`,
  );

/**
 * Checks a new password against the account policy and, for a user with a history, against the
 * last PasswordReusePrevention passwords (each compared with the hasher, in parallel on the thread
 * pool). Throws PasswordPolicyViolation naming every rule broken.
 */
export async function checkNewPassword(
  ctx: Pick<ActionContext, 'store' | 'passwords'>,
  password: string,
  userId?: string,
): Promise<PasswordPolicyRecord | undefined> {
  const policy = await ctx.store.passwordPolicy.get();
  const broken = passwordViolations(password, policy);
  const reuse = policy?.passwordReusePrevention;
  if (userId !== undefined && reuse !== undefined) {
    const previous = await ctx.store.passwordHistory.recent(userId, reuse);
    const matches = await Promise.all(previous.map((p) => ctx.passwords.verify(password, p.passwordHash)));
    if (matches.includes(true)) {
      broken.push(`Password should not be one of the last ${reuse} passwords used`);
    }
  }
  if (broken.length > 0) throw violation(broken);
  return policy;
}

/** Remembers a password just set (for reuse prevention). */
export async function rememberPassword(
  ctx: Pick<ActionContext, 'store'>,
  userId: string,
  passwordHash: string,
  setDate: Date,
): Promise<void> {
  await ctx.store.passwordHistory.add(userId, { passwordHash, setDate }, HISTORY_KEPT);
}

const DAY_MS = 24 * 60 * 60 * 1000;

export type PasswordExpiry =
  /** The password is valid (`expiresAt` when the policy has MaxPasswordAge). */
  | { readonly state: 'valid'; readonly expiresAt?: Date }
  /** Expired: the user must choose a new one at sign-in (ChangePassword). */
  | { readonly state: 'expired'; readonly expiresAt: Date }
  /** Expired under HardExpiry: only an administrator can set a new one (UpdateLoginProfile). */
  | { readonly state: 'hard-expired'; readonly expiresAt: Date };

/**
 * Whether a user's console password has expired under the account policy, as of `now`. The age
 * counts from when the password was last set (creation, reset or change). Expiry applies at once
 * when MaxPasswordAge is set or lowered, as in AWS. The sign-in API calls this.
 */
export function passwordExpiry(
  profile: Pick<LoginProfileRecord, 'createDate' | 'passwordChangedDate'>,
  policy: PasswordPolicyRecord | undefined,
  now: Date,
): PasswordExpiry {
  const maxAge = policy?.maxPasswordAge;
  if (maxAge === undefined) return { state: 'valid' };
  const setAt = profile.passwordChangedDate ?? profile.createDate;
  const expiresAt = new Date(setAt.getTime() + maxAge * DAY_MS);
  if (now.getTime() < expiresAt.getTime()) return { state: 'valid', expiresAt };
  return { state: policy?.hardExpiry === true ? 'hard-expired' : 'expired', expiresAt };
}
