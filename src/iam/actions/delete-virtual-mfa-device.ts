import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requireDevice } from '../mfa.ts';

export interface DeleteVirtualMFADeviceInput {
  readonly SerialNumber: string;
}

export const DeleteVirtualMFADevice: ActionDefinition<DeleteVirtualMFADeviceInput, void> = {
  service: 'iam',
  name: 'DeleteVirtualMFADevice',
  resource: (input) => input.SerialNumber,
  async run(input, ctx) {
    const device = await requireDevice(ctx.store, input.SerialNumber);
    if (device.assignee !== undefined) {
      throw new WardenError('DeleteConflict', 'MFA VirtualDevice in use. Must deactivate first.');
    }
    await ctx.store.mfaDevices.delete(device.serialNumber);
  },
};
