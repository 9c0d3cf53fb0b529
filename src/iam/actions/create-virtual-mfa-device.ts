import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requestTagKeys } from '../authz/condition-keys.ts';
import { mfaArn, otpauthUri, qrCodePng } from '../mfa.ts';
import { checkPolicyTags } from '../policy-tags.ts';
import { QUOTAS } from '../quotas.ts';
import { toWireTags, type WireTag } from '../tags.ts';
import { SEED_BYTES, seedToBase32 } from '../totp.ts';

export interface CreateVirtualMFADeviceInput {
  readonly Path?: string;
  readonly VirtualMFADeviceName: string;
  readonly Tags?: readonly WireTag[];
}

export interface CreatedVirtualMfaDevice {
  readonly SerialNumber: string;
  /** The Base32 TEXT of the seed, as a blob: the wire carries base64 of that ASCII text. */
  readonly Base32StringSeed: Uint8Array;
  readonly QRCodePNG: Uint8Array;
  readonly Tags?: WireTag[];
}

/** The seed leaves Warden here only; it is stored sealed under the master key. */
export const CreateVirtualMFADevice: ActionDefinition<
  CreateVirtualMFADeviceInput,
  { VirtualMFADevice: CreatedVirtualMfaDevice }
> = {
  service: 'iam',
  name: 'CreateVirtualMFADevice',
  resource: (input, ctx) => mfaArn(ctx.account, input.Path ?? '/', input.VirtualMFADeviceName),
  conditionKeys: (input) => requestTagKeys(input.Tags),
  async run(input, ctx) {
    const tags = checkPolicyTags(input.Tags ?? []);
    const path = input.Path ?? '/';
    const serialNumber = mfaArn(ctx.account, path, input.VirtualMFADeviceName);
    const seed = seedToBase32(ctx.ids.bytes(SEED_BYTES));
    const account = await ctx.store.account.get();
    const png = await qrCodePng(
      otpauthUri(input.VirtualMFADeviceName, account?.alias ?? ctx.account.id, seed),
    );
    if ((await ctx.store.mfaDevices.counts()).devices >= QUOTAS.usersPerAccount) {
      throw new WardenError(
        'LimitExceeded',
        `Cannot exceed quota for VirtualMFADevicesPerAccount: ${QUOTAS.usersPerAccount}`,
      );
    }
    const inserted = await ctx.store.mfaDevices.insert({
      serialNumber,
      deviceName: input.VirtualMFADeviceName,
      path,
      sealedSeed: ctx.secrets.seal(seed),
      createDate: ctx.clock.now(),
      tags,
    });
    if (inserted === 'conflict') {
      throw new WardenError(
        'EntityAlreadyExists',
        'MFADevice entity at the same path and name already exists.',
      );
    }
    return {
      VirtualMFADevice: {
        SerialNumber: serialNumber,
        Base32StringSeed: Buffer.from(seed, 'ascii'),
        QRCodePNG: png,
        ...(tags.length === 0 ? {} : { Tags: toWireTags(tags) }),
      },
    };
  },
};
