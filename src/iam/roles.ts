import { WardenError } from '../core/index.ts';
import type { RoleRecord, StoreTx } from '../store/port.ts';
import type { Account, ResourceContext } from './action.ts';
import { roleArn } from './arns.ts';
import { toWireTags, type WireTag } from './tags.ts';

/** Finding the roles an action names, AWS's wording when they are absent, and the `Role` shape. */

export const noSuchRole = (name: string): WardenError =>
  new WardenError('NoSuchEntity', `The role with name ${name} cannot be found.`);

export const roleExists = (name: string): WardenError =>
  new WardenError('EntityAlreadyExists', `Role with name ${name} already exists.`);

export async function requireRole(store: StoreTx, roleName: string): Promise<RoleRecord> {
  const role = await store.roles.getByName(roleName);
  if (role === undefined) throw noSuchRole(roleName);
  return role;
}

/**
 * Service-linked roles belong to their service: IAM refuses to change them through the ordinary
 * role actions (AWS's wording, as seen in real UnmodifiableEntity errors).
 */
export function requireModifiable(role: RoleRecord): RoleRecord {
  if (role.linkedService !== undefined) {
    throw new WardenError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.roleName}' - this role is only modifiable by AWS`,
    );
  }
  return role;
}

/** A role an action changes: it must exist and not be service-linked. */
export async function requireModifiableRole(store: StoreTx, roleName: string): Promise<RoleRecord> {
  return requireModifiable(await requireRole(store, roleName));
}

/** The role ARN a permission is checked on; a role that does not exist gets the path `/`. */
export async function roleResource(ctx: ResourceContext, roleName: string): Promise<string> {
  const role = await ctx.store.roles.getByName(roleName);
  return roleArn(ctx.account, role?.path ?? '/', role?.roleName ?? roleName);
}

export const arnOfRole = (account: Account, role: RoleRecord): string =>
  roleArn(account, role.path, role.roleName);

export interface WirePermissionsBoundary {
  readonly PermissionsBoundaryType: 'PermissionsBoundaryPolicy';
  readonly PermissionsBoundaryArn: string;
}

export interface WireRole {
  readonly Path: string;
  readonly RoleName: string;
  readonly RoleId: string;
  readonly Arn: string;
  readonly CreateDate: Date;
  /** Verbatim; the protocol renderer URL-encodes it. */
  readonly AssumeRolePolicyDocument: string;
  readonly Description?: string;
  readonly MaxSessionDuration?: number;
  readonly PermissionsBoundary?: WirePermissionsBoundary;
  readonly Tags?: WireTag[];
  readonly RoleLastUsed?: { readonly LastUsedDate?: Date; readonly Region?: string };
}

export const boundaryOf = (arn: string | undefined): { PermissionsBoundary?: WirePermissionsBoundary } =>
  arn === undefined
    ? {}
    : {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: arn,
        },
      };

/** The `Role` of ListRoles and of instance profiles: no boundary, tags or last use (documented). */
export function toListedRole(account: Account, role: RoleRecord): WireRole {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: arnOfRole(account, role),
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
    ...(role.description === undefined ? {} : { Description: role.description }),
    MaxSessionDuration: role.maxSessionDuration,
  };
}

/** The `Role` of CreateRole, UpdateRoleDescription and CreateServiceLinkedRole. */
export function toFullRole(account: Account, role: RoleRecord): WireRole {
  return {
    ...toListedRole(account, role),
    ...boundaryOf(role.permissionsBoundaryArn),
    ...(role.tags.length === 0 ? {} : { Tags: toWireTags(role.tags) }),
  };
}

/** `RoleLastUsed` as GetRole shows it: an empty structure when the role was never used. */
export const roleLastUsed = (role: RoleRecord): NonNullable<WireRole['RoleLastUsed']> =>
  role.lastUsed === undefined ? {} : { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region };

/** GetRole's `Role`: everything, with RoleLastUsed always present. */
export const toRoleWithLastUsed = (account: Account, role: RoleRecord): WireRole => ({
  ...toFullRole(account, role),
  RoleLastUsed: roleLastUsed(role),
});
