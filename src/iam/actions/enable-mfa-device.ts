import type { ActionDefinition } from '../action.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { requireUser, userResource } from '../lookups.ts';
import { enableMfaDevice } from '../mfa.ts';

export interface EnableMFADeviceInput {
  readonly UserName: string;
  readonly SerialNumber: string;
  readonly AuthenticationCode1: string;
  readonly AuthenticationCode2: string;
}

/** Two consecutive codes prove the device holds the seed; InvalidAuthenticationCode otherwise. */
export const EnableMFADevice: ActionDefinition<EnableMFADeviceInput, void> = {
  service: 'iam',
  name: 'EnableMFADevice',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    await enableMfaDevice(
      ctx,
      user.userId,
      input.SerialNumber,
      input.AuthenticationCode1,
      input.AuthenticationCode2,
    );
  },
};
