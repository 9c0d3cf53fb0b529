import type { ActionDefinition } from '../action.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';
import { subjectResource } from '../lookups.ts';
import { mfaSubject, requireAssignedDevice } from '../mfa.ts';

export interface GetMFADeviceInput {
  readonly SerialNumber: string;
  readonly UserName?: string;
}

/**
 * AWS answers it for FIDO security keys (with their certifications); Warden has virtual devices
 * only and answers for an assigned one: its user and enable date, no certifications.
 */
export const GetMFADevice: ActionDefinition<
  GetMFADeviceInput,
  { UserName: string; SerialNumber: string; EnableDate?: Date }
> = {
  service: 'iam',
  name: 'GetMFADevice',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const subject = await mfaSubject(ctx, input.UserName);
    const device = await requireAssignedDevice(ctx.store, input.SerialNumber, subject.assignee);
    return {
      UserName: subject.userName ?? ctx.account.id,
      SerialNumber: device.serialNumber,
      ...(device.enableDate === undefined ? {} : { EnableDate: device.enableDate }),
    };
  },
};
