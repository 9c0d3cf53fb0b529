import type { ActionDefinition, ResourceContext } from '../action.ts';
import { requestTagKeys, resourceTagKeys } from '../authz/condition-keys.ts';
import { requireDevice } from '../mfa.ts';
import { mergeMfaTags } from '../mfa-tags.ts';
import { checkPolicyTags } from '../policy-tags.ts';
import type { WireTag } from '../tags.ts';

export interface TagMFADeviceInput {
  readonly SerialNumber: string;
  readonly Tags: readonly WireTag[];
}

/** `aws:ResourceTag/KEY` of the device a request names (none when it does not exist). */
export async function deviceTagKeys(ctx: ResourceContext, serialNumber: string) {
  const device = await ctx.store.mfaDevices.get(serialNumber);
  return device === undefined ? {} : resourceTagKeys(device.tags, false);
}

export const TagMFADevice: ActionDefinition<TagMFADeviceInput, void> = {
  service: 'iam',
  name: 'TagMFADevice',
  resource: (input) => input.SerialNumber,
  conditionKeys: async (input, ctx) => ({
    ...(await deviceTagKeys(ctx, input.SerialNumber)),
    ...requestTagKeys(input.Tags),
  }),
  async run(input, ctx) {
    const added = checkPolicyTags(input.Tags);
    const device = await requireDevice(ctx.store, input.SerialNumber);
    await ctx.store.mfaDevices.setTags(device.serialNumber, mergeMfaTags(device.tags, added));
  },
};
