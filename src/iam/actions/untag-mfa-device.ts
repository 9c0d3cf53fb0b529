import type { ActionDefinition } from '../action.ts';
import { tagKeysKey } from '../authz/condition-keys.ts';
import { requireDevice } from '../mfa.ts';
import { removePolicyTags } from '../policy-tags.ts';
import { deviceTagKeys } from './tag-mfa-device.ts';

export interface UntagMFADeviceInput {
  readonly SerialNumber: string;
  readonly TagKeys: readonly string[];
}

export const UntagMFADevice: ActionDefinition<UntagMFADeviceInput, void> = {
  service: 'iam',
  name: 'UntagMFADevice',
  resource: (input) => input.SerialNumber,
  conditionKeys: async (input, ctx) => ({
    ...(await deviceTagKeys(ctx, input.SerialNumber)),
    ...tagKeysKey(input.TagKeys),
  }),
  async run(input, ctx) {
    const device = await requireDevice(ctx.store, input.SerialNumber);
    await ctx.store.mfaDevices.setTags(device.serialNumber, removePolicyTags(device.tags, input.TagKeys));
  },
};
