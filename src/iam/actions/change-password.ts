import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requireProfile } from '../login-profiles.ts';
import { noSuchUser } from '../lookups.ts';
import { checkNewPassword, passwordExpiry, rememberPassword } from '../password-policy.ts';

export interface ChangePasswordInput {
  readonly OldPassword: string;
  readonly NewPassword: string;
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
    // Hash before the first store call: slow work between store calls would hold the store's lock.
    const passwordHash = await ctx.passwords.hash(input.NewPassword);
    const user = await ctx.store.users.getById(caller.userId);
    if (user === undefined) throw noSuchUser(caller.userName);
    const profile = await requireProfile(ctx, user);
    if (!(await ctx.passwords.verify(input.OldPassword, profile.passwordHash))) {
      throw new WardenError('AccessDenied', 'The old password is incorrect.');
    }
    const now = ctx.clock.now();
    if (passwordExpiry(profile, await ctx.store.passwordPolicy.get(), now).state === 'hard-expired') {
      throw new WardenError(
        'AccessDenied',
        'The password has expired and the account password policy lets only an administrator reset it.',
      );
    }
    await checkNewPassword(ctx, input.NewPassword, user.userId);
    await ctx.store.loginProfiles.put({
      ...profile,
      passwordHash,
      passwordChangedDate: now,
      passwordResetRequired: false,
    });
    await rememberPassword(ctx, user.userId, passwordHash, now);
  },
};
