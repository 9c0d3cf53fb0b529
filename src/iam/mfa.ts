import QRCode from 'qrcode';
import { WardenError } from '../core/index.ts';
import { ROOT_OWNER, type MfaDeviceRecord, type StoreTx } from '../store/port.ts';
import type { Account, ActionContext, SecretBox } from './action.ts';
import { userNameRequired } from './lookups.ts';
import { matchConsecutive, matchStep, timeStep } from './totp.ts';

/**
 * Virtual MFA devices (reports.md §5): ARNs, the QR code, lookups with AWS's wording, and the one
 * code check every consumer uses (EnableMFADevice's siblings, the console sign-in, STS).
 */

/** Devices in use per user (and for the root). */
export const MFA_DEVICES_PER_USER = 8;

export const mfaArn = (account: Account, path: string, name: string): string =>
  `arn:${account.partition}:iam::${account.id}:mfa${path}${name}`;

export const ISSUER = 'Amazon Web Services';

/**
 * The provisioning URI an authenticator app reads from the QR code, as AWS writes it: the issuer,
 * the device's name and the account's alias (else its id) in the label, the Base32 seed.
 */
export function otpauthUri(deviceName: string, accountLabel: string, seedBase32: string): string {
  const label = encodeURIComponent(`${ISSUER}:${deviceName}@${accountLabel}`);
  return `otpauth://totp/${label}?secret=${seedBase32}&issuer=${encodeURIComponent(ISSUER)}`;
}

/** A real PNG of the URI. */
export const qrCodePng = (uri: string): Promise<Buffer> => QRCode.toBuffer(uri, { type: 'png', margin: 2 });

export const noSuchDevice = (serialNumber: string): WardenError =>
  new WardenError('NoSuchEntity', `MFA device with serial number ${serialNumber} does not exist.`);

export async function requireDevice(store: StoreTx, serialNumber: string): Promise<MfaDeviceRecord> {
  const device = await store.mfaDevices.get(serialNumber);
  if (device === undefined) throw noSuchDevice(serialNumber);
  return device;
}

export const invalidCode = (): WardenError =>
  new WardenError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');

export type MfaVerification =
  | { readonly ok: true; readonly assignee: string; readonly step: number }
  | { readonly ok: false; readonly reason: 'no-device' | 'not-assigned' | 'wrong-code' | 'replayed' };

/**
 * Checks a TOTP code for an ASSIGNED device and consumes it: the code must match a step within one
 * step of `now` (±30 s of drift), and a step once accepted is never accepted again for the device
 * (nor any earlier one), so a code seen by an eavesdropper is useless. Call it inside the request's
 * transaction; `assignee` is the device's user id, or ROOT_OWNER for the root's.
 */
export async function verifyMfaCode(
  ctx: { readonly store: StoreTx; readonly secrets: SecretBox },
  serialNumber: string,
  code: string,
  now: Date,
): Promise<MfaVerification> {
  const device = await ctx.store.mfaDevices.get(serialNumber);
  if (device === undefined) return { ok: false, reason: 'no-device' };
  if (device.assignee === undefined) return { ok: false, reason: 'not-assigned' };
  const step = matchStep(ctx.secrets.open(device.sealedSeed), code, now, 1, device.drift ?? 0);
  if (step === undefined) return { ok: false, reason: 'wrong-code' };
  if (!(await ctx.store.mfaDevices.useStep(serialNumber, step))) return { ok: false, reason: 'replayed' };
  return { ok: true, assignee: device.assignee, step };
}

/** The assignee of an MFA action that names a user or, without one, acts on the caller. */
export async function mfaSubject(
  ctx: ActionContext,
  userName: string | undefined,
): Promise<{ readonly assignee: string; readonly userName?: string }> {
  if (userName !== undefined) {
    const user = await ctx.store.users.getByName(userName);
    if (user === undefined)
      throw new WardenError('NoSuchEntity', `The user with name ${userName} cannot be found.`);
    return { assignee: user.userId, userName: user.userName };
  }
  if (ctx.caller.kind === 'root') return { assignee: ROOT_OWNER };
  if (ctx.caller.kind !== 'user') throw userNameRequired();
  return { assignee: ctx.caller.userId, userName: ctx.caller.userName };
}

export const currentStep = timeStep;

/** Steps of drift EnableMFADevice accepts around the server's clock (±30 s). */
const ENABLE_WINDOW = 1;

/**
 * Assigns an unassigned device to a user (or the root, for the console) after two consecutive
 * codes: EnableMFADevice's core. The second code's step is recorded as used.
 */
export async function enableMfaDevice(
  ctx: Pick<ActionContext, 'store' | 'secrets' | 'clock'>,
  assignee: string,
  serialNumber: string,
  code1: string,
  code2: string,
): Promise<void> {
  const device = await requireDevice(ctx.store, serialNumber);
  if (device.assignee !== undefined) {
    throw new WardenError('EntityAlreadyExists', 'MFA Device is already in use.');
  }
  if ((await ctx.store.mfaDevices.countAssigned(assignee)) >= MFA_DEVICES_PER_USER) {
    throw new WardenError(
      'LimitExceeded',
      `Cannot exceed quota for MFADevicesPerUser: ${MFA_DEVICES_PER_USER}`,
    );
  }
  const now = ctx.clock.now();
  const step = matchConsecutive(ctx.secrets.open(device.sealedSeed), code1, code2, now, ENABLE_WINDOW);
  if (step === undefined || (device.lastStep !== undefined && step - 1 <= device.lastStep))
    throw invalidCode();
  if (!(await ctx.store.mfaDevices.assign(serialNumber, assignee, now, step))) {
    throw new WardenError('EntityAlreadyExists', 'MFA Device is already in use.');
  }
}

/** The device as assigned to `assignee`, else NoSuchEntity (AWS does not tell whose it is). */
export async function requireAssignedDevice(
  store: StoreTx,
  serialNumber: string,
  assignee: string,
): Promise<MfaDeviceRecord> {
  const device = await requireDevice(store, serialNumber);
  if (device.assignee !== assignee) throw noSuchDevice(serialNumber);
  return device;
}
