import type { AccountRecord, MfaDeviceRecord, UserRecord } from '../store/port.ts';
import { ROOT_OWNER } from '../store/port.ts';
import type { Account } from './action.ts';
import { rootArn } from './arns.ts';
import { toListedUser, type WireUser } from './wire.ts';

/** MFA records as AWS output shapes. */

export interface WireMfaDevice {
  readonly UserName: string;
  readonly SerialNumber: string;
  readonly EnableDate: Date;
}

export interface WireVirtualMfaDevice {
  readonly SerialNumber: string;
  readonly User?: WireUser;
  readonly EnableDate?: Date;
}

/** The root as the `User` of a device assigned to it: its ARN, the account id as id and name. */
export function rootAsUser(account: Account, record: AccountRecord | undefined): WireUser {
  return {
    Path: '/',
    UserName: account.id,
    UserId: account.id,
    Arn: rootArn(account),
    CreateDate: record?.createDate ?? new Date(0),
  };
}

/** `userName` is the assignee's name (the account id for the root). */
export function toWireMfaDevice(device: MfaDeviceRecord, userName: string): WireMfaDevice {
  return {
    UserName: userName,
    SerialNumber: device.serialNumber,
    EnableDate: device.enableDate ?? new Date(0),
  };
}

/** `user` resolves the assignee (an IAM user record, or the root's stand-in). */
export function toWireVirtualMfaDevice(
  account: Account,
  device: MfaDeviceRecord,
  user: UserRecord | WireUser | undefined,
): WireVirtualMfaDevice {
  const wireUser = user === undefined ? undefined : 'Arn' in user ? user : toListedUser(account, user);
  return {
    SerialNumber: device.serialNumber,
    ...(wireUser === undefined ? {} : { User: wireUser }),
    ...(device.enableDate === undefined ? {} : { EnableDate: device.enableDate }),
  };
}

export const isRootAssignee = (assignee: string | undefined): boolean => assignee === ROOT_OWNER;
