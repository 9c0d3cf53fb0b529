import type { AccessKeyRecord, GroupRecord, LoginProfileRecord, UserRecord } from '../store/port.ts';
import { ROOT_OWNER } from '../store/port.ts';
import type { Account } from './action.ts';
import { groupArn, userArn } from './arns.ts';
import { toWireTags, type WireTag } from './tags.ts';

/** The one place domain records become AWS output shapes (PascalCase members, Dates for timestamps). */

export interface WireUser {
  readonly Path: string;
  readonly UserName: string;
  readonly UserId: string;
  readonly Arn: string;
  readonly CreateDate: Date;
  readonly PasswordLastUsed?: Date;
  readonly PermissionsBoundary?: {
    readonly PermissionsBoundaryType: 'PermissionsBoundaryPolicy';
    readonly PermissionsBoundaryArn: string;
  };
  readonly Tags?: WireTag[];
}

/** The `User` of list outputs: AWS leaves out the boundary and the tags there (documented for ListUsers). */
export function toListedUser(account: Account, user: UserRecord): WireUser {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: userArn(account, user.path, user.userName),
    CreateDate: user.createDate,
    ...(user.passwordLastUsed === undefined ? {} : { PasswordLastUsed: user.passwordLastUsed }),
  };
}

/** The `User` of CreateUser and GetUser: with the boundary and the tags when there are any. */
export function toFullUser(account: Account, user: UserRecord): WireUser {
  return {
    ...toListedUser(account, user),
    ...(user.permissionsBoundaryArn === undefined
      ? {}
      : {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: user.permissionsBoundaryArn,
          },
        }),
    ...(user.tags.length === 0 ? {} : { Tags: toWireTags(user.tags) }),
  };
}

export interface WireGroup {
  readonly Path: string;
  readonly GroupName: string;
  readonly GroupId: string;
  readonly Arn: string;
  readonly CreateDate: Date;
}

export function toWireGroup(account: Account, group: GroupRecord): WireGroup {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: groupArn(account, group.path, group.groupName),
    CreateDate: group.createDate,
  };
}

export interface WireAccessKeyMetadata {
  /** Absent for the root's keys: the root is not an IAM user and has no user name. */
  readonly UserName?: string;
  readonly AccessKeyId: string;
  readonly Status: 'Active' | 'Inactive';
  readonly CreateDate: Date;
}

/** `userName` is the owner's name, or undefined for the root's keys. */
export function toWireKeyMetadata(key: AccessKeyRecord, userName: string | undefined): WireAccessKeyMetadata {
  return {
    ...(userName === undefined || key.owner === ROOT_OWNER ? {} : { UserName: userName }),
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: key.createDate,
  };
}

export interface WireLoginProfile {
  readonly UserName: string;
  readonly CreateDate: Date;
  readonly PasswordResetRequired: boolean;
}

export function toWireLoginProfile(user: UserRecord, profile: LoginProfileRecord): WireLoginProfile {
  return {
    UserName: user.userName,
    CreateDate: profile.createDate,
    PasswordResetRequired: profile.passwordResetRequired,
  };
}
