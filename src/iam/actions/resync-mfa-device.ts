import type { ActionDefinition } from '../action.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { requireUser, userResource } from '../lookups.ts';
import { invalidCode, requireAssignedDevice } from '../mfa.ts';
import { matchConsecutive, timeStep } from '../totp.ts';

export interface ResyncMFADeviceInput {
  readonly UserName: string;
  readonly SerialNumber: string;
  readonly AuthenticationCode1: string;
  readonly AuthenticationCode2: string;
}

/** How far (in 30 s steps, either way) a device's clock may have drifted for a resync: 5 minutes. */
export const RESYNC_WINDOW = 10;

/**
 * Two consecutive codes from a device whose clock drifted: accepted within ±5 minutes; the drift is
 * remembered (later codes are checked around the device's time) and the later step is recorded as
 * used, so neither code nor any earlier one works again.
 */
export const ResyncMFADevice: ActionDefinition<ResyncMFADeviceInput, void> = {
  service: 'iam',
  name: 'ResyncMFADevice',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const device = await requireAssignedDevice(ctx.store, input.SerialNumber, user.userId);
    const seed = ctx.secrets.open(device.sealedSeed);
    const now = ctx.clock.now();
    const step = matchConsecutive(
      seed,
      input.AuthenticationCode1,
      input.AuthenticationCode2,
      now,
      RESYNC_WINDOW,
    );
    if (step === undefined) throw invalidCode();
    if (device.lastStep !== undefined && step - 1 <= device.lastStep) throw invalidCode();
    // From now on codes are checked around the device's own time.
    const drift = step - timeStep(now);
    if (!(await ctx.store.mfaDevices.useStep(device.serialNumber, step, drift))) throw invalidCode();
  },
};
