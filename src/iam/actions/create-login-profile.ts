import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { subjectResource } from '../lookups.ts';
import { profileUser } from '../login-profiles.ts';
import { checkNewPassword, rememberPassword } from '../password-policy.ts';
import { toWireLoginProfile, type WireLoginProfile } from '../wire.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface CreateLoginProfileInput {
  readonly UserName?: string;
  readonly Password?: string;
  readonly PasswordResetRequired?: boolean;
}

export const CreateLoginProfile: ActionDefinition<
  CreateLoginProfileInput,
  { LoginProfile: WireLoginProfile }
> = {
  service: 'iam',
  name: 'CreateLoginProfile',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    // Only an AssumeRoot session may omit the password; Warden has no such sessions.
    if (input.Password === undefined) {
      throw new WardenError(
        'ValidationError',
        "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
      );
    }
    // Hash before the first store call: slow work between store calls would hold the store's lock.
    const passwordHash = await ctx.passwords.hash(input.Password);
    const user = await profileUser(ctx, input.UserName);
    if ((await ctx.store.loginProfiles.get(user.userId)) !== undefined) {
      throw new WardenError('EntityAlreadyExists', `Login Profile for user ${user.userName} already exists.`);
    }
    // The history outlives a deleted profile: a new profile cannot bring back an old password.
    await checkNewPassword(ctx, input.Password, user.userId);
    const now = ctx.clock.now();
    const profile = {
      userId: user.userId,
      passwordHash,
      createDate: now,
      passwordResetRequired: input.PasswordResetRequired ?? false,
      passwordChangedDate: now,
    };
    await ctx.store.loginProfiles.put(profile);
    await rememberPassword(ctx, user.userId, passwordHash, now);
    return { LoginProfile: toWireLoginProfile(user, profile) };
  },
};
