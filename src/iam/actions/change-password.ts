import { WardenError } from '../../core/index.ts';
import type { ActionContext, ActionDefinition } from '../action.ts';
import { noSuchProfile } from '../login-profiles.ts';
import { noSuchUser } from '../lookups.ts';
import { checkNewPassword, passwordExpiry, rememberPassword } from '../password-policy.ts';

export interface ChangePasswordInput {
  readonly OldPassword: string;
  readonly NewPassword: string;
}

/**
 * A user's own password change, checked as ChangePassword checks it: the old password, HardExpiry,
 * the account policy and reuse prevention. Also what the console's forced change at sign-in calls
 * (PasswordResetRequired or an expired password). Call it before any other store call of the
 * transaction: the new password is hashed first, while no lock is held.
 */
export async function changeOwnPassword(
  ctx: Pick<ActionContext, 'store' | 'passwords' | 'clock'>,
  userId: string,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const passwordHash = await ctx.passwords.hash(newPassword);
  const user = await ctx.store.users.getById(userId);
  if (user === undefined) throw noSuchUser(userId);
  const profile = await ctx.store.loginProfiles.get(user.userId);
  if (profile === undefined) throw noSuchProfile(user.userName);
  if (!(await ctx.passwords.verify(oldPassword, profile.passwordHash))) {
    throw new WardenError('AccessDenied', 'The old password is incorrect.');
  }
  const now = ctx.clock.now();
  if (passwordExpiry(profile, await ctx.store.passwordPolicy.get(), now).state === 'hard-expired') {
    throw new WardenError(
      'AccessDenied',
      'The password has expired and the account password policy lets only an administrator reset it.',
    );
  }
  await checkNewPassword(ctx, newPassword, user.userId);
  await ctx.store.loginProfiles.put({
    ...profile,
    passwordHash,
    passwordChangedDate: now,
    passwordResetRequired: false,
  });
  await rememberPassword(ctx, user.userId, passwordHash, now);
}

/**
 * An IAM user changes its own console password. Allowed by the user's policies (iam:ChangePassword
 * on its own ARN) or by the account password policy's AllowUsersToChangePassword, which IAM grants
 * to every user as an account-level identity permission (see account-grants.ts).
 */
export const ChangePassword: ActionDefinition<ChangePasswordInput, void> = {
  service: 'iam',
  name: 'ChangePassword',
  resource: (_input, ctx) => ctx.caller.arn,
  async run(input, ctx) {
    const { caller } = ctx;
    if (caller.kind !== 'user') {
      throw new WardenError('InvalidUserType', 'Only IAM Users can change their own password.');
    }
    await changeOwnPassword(ctx, caller.userId, input.OldPassword, input.NewPassword);
  },
};
