import type { ActionDefinition } from '../action.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { subjectResource } from '../lookups.ts';
import { mfaSubject, requireAssignedDevice } from '../mfa.ts';

export interface DeactivateMFADeviceInput {
  readonly UserName?: string;
  readonly SerialNumber: string;
}

/**
 * Unassigns a device (the lost-device path: an administrator deactivates it). A virtual device
 * stays, unassigned, with its seed; without UserName it is the caller's own (the root's too).
 */
export const DeactivateMFADevice: ActionDefinition<DeactivateMFADeviceInput, void> = {
  service: 'iam',
  name: 'DeactivateMFADevice',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const { assignee } = await mfaSubject(ctx, input.UserName);
    const device = await requireAssignedDevice(ctx.store, input.SerialNumber, assignee);
    await ctx.store.mfaDevices.unassign(device.serialNumber);
  },
};
