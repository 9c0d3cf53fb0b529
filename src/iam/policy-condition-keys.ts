import type { ConditionKeys, ResourceContext } from './action.ts';
import { permissionsBoundaryKey, policyArnKey, resourceTagKeys } from './authz/condition-keys.ts';

/**
 * The condition keys of the policy actions (Service Authorization Reference, IAM): the target
 * policy's tags, and for actions on a user, the user's tags and its current permissions boundary.
 */

/** `aws:ResourceTag/KEY` (and `iam:ResourceTag/KEY`) of a customer managed policy; none for others. */
export async function targetPolicyKeys(ctx: ResourceContext, arn: string): Promise<ConditionKeys> {
  const policy = await ctx.store.policies.getByArn(arn);
  return policy === undefined ? {} : resourceTagKeys(policy.tags);
}

/** The target user's tags and `iam:PermissionsBoundary` (its boundary as it stands). */
export async function targetUserBoundaryKeys(ctx: ResourceContext, userName: string): Promise<ConditionKeys> {
  const user = await ctx.store.users.getByName(userName);
  if (user === undefined) return {};
  return { ...resourceTagKeys(user.tags), ...permissionsBoundaryKey(user.permissionsBoundaryArn) };
}

/** AttachUserPolicy, DetachUserPolicy: `iam:PolicyARN` plus the user's keys. */
export async function attachUserKeys(
  ctx: ResourceContext,
  userName: string,
  arn: string,
): Promise<ConditionKeys> {
  return { ...(await targetUserBoundaryKeys(ctx, userName)), ...policyArnKey(arn) };
}
