import type { ConditionKeys, ResourceContext } from './action.ts';
import { permissionsBoundaryKey, policyArnKey, resourceTagKeys } from './authz/condition-keys.ts';

/**
 * Condition keys of the role and instance profile actions (Service Authorization Reference, IAM):
 * the target role's tags (`aws:ResourceTag/KEY`, `iam:ResourceTag/KEY`), its current permissions
 * boundary (`iam:PermissionsBoundary`, where the reference lists it), `iam:PolicyARN` for
 * attach/detach; an instance profile's tags (`aws:ResourceTag/KEY` only).
 */

/** The role's tags, and with `boundary` its current `iam:PermissionsBoundary`. */
export async function targetRoleKeys(
  ctx: ResourceContext,
  roleName: string,
  boundary = true,
): Promise<ConditionKeys> {
  const role = await ctx.store.roles.getByName(roleName);
  if (role === undefined) return {};
  return {
    ...resourceTagKeys(role.tags),
    ...(boundary ? permissionsBoundaryKey(role.permissionsBoundaryArn) : {}),
  };
}

/** AttachRolePolicy, DetachRolePolicy. */
export async function attachRoleKeys(
  ctx: ResourceContext,
  roleName: string,
  arn: string,
): Promise<ConditionKeys> {
  return { ...(await targetRoleKeys(ctx, roleName)), ...policyArnKey(arn) };
}

export async function targetInstanceProfileKeys(ctx: ResourceContext, name: string): Promise<ConditionKeys> {
  const profile = await ctx.store.instanceProfiles.getByName(name);
  return profile === undefined ? {} : resourceTagKeys(profile.tags, false);
}
