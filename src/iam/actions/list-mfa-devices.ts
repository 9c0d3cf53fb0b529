import type { ActionDefinition } from '../action.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { subjectResource } from '../lookups.ts';
import { mfaSubject } from '../mfa.ts';
import { toWireMfaDevice, type WireMfaDevice } from '../mfa-wire.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';

export interface ListMFADevicesInput extends PageInput {
  readonly UserName?: string;
}

/** The devices assigned to a user, or without UserName to the caller (the root's own too). */
export const ListMFADevices: ActionDefinition<
  ListMFADevicesInput,
  { MFADevices: WireMfaDevice[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListMFADevices',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const subject = await mfaSubject(ctx, input.UserName);
    const page = await ctx.store.mfaDevices.listAssigned(
      subject.assignee,
      pageRequest(input, 'ListMFADevices'),
    );
    const name = subject.userName ?? ctx.account.id;
    return {
      MFADevices: page.items.map((device) => toWireMfaDevice(device, name)),
      ...pageOutput(page, 'ListMFADevices'),
    };
  },
};
