import { ROOT_OWNER, type UserRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { rootAsUser, toWireVirtualMfaDevice, type WireVirtualMfaDevice } from '../mfa-wire.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';

export interface ListVirtualMFADevicesInput extends PageInput {
  readonly AssignmentStatus?: 'Assigned' | 'Unassigned' | 'Any';
}

/** Every virtual device (never its seed or tags), with its user and enable date when assigned. */
export const ListVirtualMFADevices: ActionDefinition<
  ListVirtualMFADevicesInput,
  { VirtualMFADevices: WireVirtualMfaDevice[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListVirtualMFADevices',
  resource: () => '*',
  async run(input, ctx) {
    const page = await ctx.store.mfaDevices.list(
      input.AssignmentStatus ?? 'Any',
      pageRequest(input, 'ListVirtualMFADevices'),
    );
    const users = new Map<string, UserRecord | undefined>();
    const root = rootAsUser(ctx.account, await ctx.store.account.get());
    const devices: WireVirtualMfaDevice[] = [];
    for (const device of page.items) {
      const { assignee } = device;
      if (assignee !== undefined && assignee !== ROOT_OWNER && !users.has(assignee)) {
        users.set(assignee, await ctx.store.users.getById(assignee));
      }
      const user = assignee === undefined ? undefined : assignee === ROOT_OWNER ? root : users.get(assignee);
      devices.push(toWireVirtualMfaDevice(ctx.account, device, user));
    }
    return { VirtualMFADevices: devices, ...pageOutput(page, 'ListVirtualMFADevices') };
  },
};
