import type { ActionDefinition } from '../action.ts';
import { POLICY_DEFAULTS } from '../password-policy.ts';

export interface UpdateAccountPasswordPolicyInput {
  readonly MinimumPasswordLength?: number;
  readonly RequireSymbols?: boolean;
  readonly RequireNumbers?: boolean;
  readonly RequireUppercaseCharacters?: boolean;
  readonly RequireLowercaseCharacters?: boolean;
  readonly AllowUsersToChangePassword?: boolean;
  readonly MaxPasswordAge?: number;
  readonly PasswordReusePrevention?: number;
  readonly HardExpiry?: boolean;
}

/**
 * Replaces the WHOLE policy: an omitted parameter goes back to its default (AWS documents this).
 * Ranges (length 6..128, age 1..1095 days, reuse 1..24) are the model's, checked before `run`.
 */
export const UpdateAccountPasswordPolicy: ActionDefinition<UpdateAccountPasswordPolicyInput, void> = {
  service: 'iam',
  name: 'UpdateAccountPasswordPolicy',
  resource: () => '*',
  async run(input, ctx) {
    const d = POLICY_DEFAULTS;
    await ctx.store.passwordPolicy.put({
      minimumPasswordLength: input.MinimumPasswordLength ?? d.minimumPasswordLength,
      requireSymbols: input.RequireSymbols ?? d.requireSymbols,
      requireNumbers: input.RequireNumbers ?? d.requireNumbers,
      requireUppercaseCharacters: input.RequireUppercaseCharacters ?? d.requireUppercaseCharacters,
      requireLowercaseCharacters: input.RequireLowercaseCharacters ?? d.requireLowercaseCharacters,
      allowUsersToChangePassword: input.AllowUsersToChangePassword ?? d.allowUsersToChangePassword,
      maxPasswordAge: input.MaxPasswordAge,
      passwordReusePrevention: input.PasswordReusePrevention,
      hardExpiry: input.HardExpiry ?? d.hardExpiry,
    });
  },
};
