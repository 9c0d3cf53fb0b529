import { WardenError } from '../../core/index.ts';
import type { PasswordPolicyRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';

export type GetAccountPasswordPolicyInput = Record<string, never>;

export interface WirePasswordPolicy {
  readonly MinimumPasswordLength: number;
  readonly RequireSymbols: boolean;
  readonly RequireNumbers: boolean;
  readonly RequireUppercaseCharacters: boolean;
  readonly RequireLowercaseCharacters: boolean;
  readonly AllowUsersToChangePassword: boolean;
  /** True exactly when MaxPasswordAge is set. */
  readonly ExpirePasswords: boolean;
  readonly MaxPasswordAge?: number;
  readonly PasswordReusePrevention?: number;
  readonly HardExpiry: boolean;
}

export function toWirePasswordPolicy(policy: PasswordPolicyRecord): WirePasswordPolicy {
  return {
    MinimumPasswordLength: policy.minimumPasswordLength,
    RequireSymbols: policy.requireSymbols,
    RequireNumbers: policy.requireNumbers,
    RequireUppercaseCharacters: policy.requireUppercaseCharacters,
    RequireLowercaseCharacters: policy.requireLowercaseCharacters,
    AllowUsersToChangePassword: policy.allowUsersToChangePassword,
    ExpirePasswords: policy.maxPasswordAge !== undefined,
    ...(policy.maxPasswordAge === undefined ? {} : { MaxPasswordAge: policy.maxPasswordAge }),
    ...(policy.passwordReusePrevention === undefined
      ? {}
      : { PasswordReusePrevention: policy.passwordReusePrevention }),
    HardExpiry: policy.hardExpiry,
  };
}

/** AWS's wording names the policy's domain, ACCOUNT, when no custom policy was ever set. */
export const noPasswordPolicy = (): WardenError =>
  new WardenError('NoSuchEntity', 'The Password Policy with domain name ACCOUNT cannot be found.');

export const GetAccountPasswordPolicy: ActionDefinition<
  GetAccountPasswordPolicyInput,
  { PasswordPolicy: WirePasswordPolicy }
> = {
  service: 'iam',
  name: 'GetAccountPasswordPolicy',
  resource: () => '*',
  async run(_input, ctx) {
    const policy = await ctx.store.passwordPolicy.get();
    if (policy === undefined) throw noPasswordPolicy();
    return { PasswordPolicy: toWirePasswordPolicy(policy) };
  },
};
