import { WardenError } from '../core/index.ts';

/**
 * Password rules for login profiles. Without a custom account password policy (that arrives with a
 * later issue and plugs in here), AWS applies its default policy: 8 to 128 characters with at
 * least three of uppercase letters, lowercase letters, digits and symbols.
 */

const MIN_LENGTH = 8;
const MAX_LENGTH = 128;
const REQUIRED_CLASSES = 3;

const CLASSES: readonly RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function meetsDefaultPolicy(password: string): boolean {
  if (password.length < MIN_LENGTH || password.length > MAX_LENGTH) return false;
  return CLASSES.filter((c) => c.test(password)).length >= REQUIRED_CLASSES;
}

export function checkPassword(password: string): void {
  if (!meetsDefaultPolicy(password)) {
    throw new WardenError(
      'PasswordPolicyViolation',
      'Password does not conform to the account password policy.',
    );
  }
}
