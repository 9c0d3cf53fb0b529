import type { ActionDefinition } from '../action.ts';
import { requireDevice } from '../mfa.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toWireTags, type WireTag } from '../tags.ts';
import { deviceTagKeys } from './tag-mfa-device.ts';

export interface ListMFADeviceTagsInput extends PageInput {
  readonly SerialNumber: string;
}

export const ListMFADeviceTags: ActionDefinition<ListMFADeviceTagsInput, { Tags: WireTag[] } & PageOutput> = {
  service: 'iam',
  name: 'ListMFADeviceTags',
  resource: (input) => input.SerialNumber,
  conditionKeys: (input, ctx) => deviceTagKeys(ctx, input.SerialNumber),
  async run(input, ctx) {
    const device = await requireDevice(ctx.store, input.SerialNumber);
    const page = pageInMemory(device.tags, pageRequest(input, 'ListMFADeviceTags'));
    return { Tags: toWireTags(page.items), ...pageOutput(page, 'ListMFADeviceTags') };
  },
};
