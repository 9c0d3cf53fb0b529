/**
 * Why a sign-in step failed, as the console API answers it. Not AWS errors (the console sign-in is
 * not an AWS API), so not WardenError codes; the HTTP layer maps each to a status.
 */
export type SignInErrorCode =
  | 'InvalidCredentials'
  | 'InvalidMfaCode'
  | 'InvalidChallenge'
  | 'PasswordExpired'
  | 'Throttled'
  | 'LockedOut';

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: SignInErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const isSignInError = (e: unknown): e is SignInError => e instanceof SignInError;

/** One answer for an unknown account, an unknown user, a user without a password and a wrong one. */
export const invalidCredentials = (): SignInError =>
  new SignInError('InvalidCredentials', 'Your authentication information is incorrect. Please try again.');

export const invalidMfaCode = (): SignInError =>
  new SignInError('InvalidMfaCode', 'Your authentication information is incorrect. Please try again.');

export const invalidChallenge = (): SignInError =>
  new SignInError('InvalidChallenge', 'This sign-in step has expired or was already used. Sign in again.');

export const passwordExpired = (): SignInError =>
  new SignInError('PasswordExpired', 'Your password has expired and must be reset by an administrator.');
