import type { ActionDefinition } from '../action.ts';
import { requireUser, userResource } from '../lookups.ts';
import { requireProfile } from '../login-profiles.ts';
import { checkNewPassword, rememberPassword } from '../password-policy.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface UpdateLoginProfileInput {
  readonly UserName: string;
  readonly Password?: string;
  readonly PasswordResetRequired?: boolean;
}

/** An administrator's reset: a new password and/or the reset flag; what is not given stays. */
export const UpdateLoginProfile: ActionDefinition<UpdateLoginProfileInput, void> = {
  service: 'iam',
  name: 'UpdateLoginProfile',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    // Hash before the first store call: slow work between store calls would hold the store's lock.
    const password =
      input.Password === undefined
        ? {}
        : { passwordHash: await ctx.passwords.hash(input.Password), passwordChangedDate: ctx.clock.now() };
    const user = await requireUser(ctx.store, input.UserName);
    const profile = await requireProfile(ctx, user);
    if (input.Password !== undefined && password.passwordHash !== undefined) {
      await checkNewPassword(ctx, input.Password, user.userId);
      await rememberPassword(ctx, user.userId, password.passwordHash, password.passwordChangedDate);
    }
    await ctx.store.loginProfiles.put({
      ...profile,
      ...password,
      passwordResetRequired: input.PasswordResetRequired ?? profile.passwordResetRequired,
    });
  },
};
