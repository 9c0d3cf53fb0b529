/**
 * The action-specific condition keys (Service Authorization Reference, IAM): what an action's
 * `conditionKeys` returns. Keys are written in AWS's canonical case; the evaluator matches them
 * case-insensitively. A key the request does not carry is absent (never an empty string), so
 * `...IfExists` and `Null` conditions behave as in AWS.
 */
import { ROOT_OWNER, type Tag } from '../../store/port.ts';
import type { ConditionKeys, ResourceContext } from '../action.ts';

type Keys = Record<string, string | readonly string[]>;

/** `aws:RequestTag/KEY` for each tag in the request and `aws:TagKeys` (multi-valued); none without tags. */
export function requestTagKeys(tags: readonly { Key: string; Value: string }[] | undefined): ConditionKeys {
  if (tags === undefined || tags.length === 0) return {};
  const keys: Keys = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const { Key, Value } of tags) keys[`aws:RequestTag/${Key}`] = Value;
  return keys;
}

/** `aws:TagKeys` for requests that name tag keys only (Untag*). */
export function tagKeysKey(tagKeys: readonly string[] | undefined): ConditionKeys {
  return tagKeys === undefined || tagKeys.length === 0 ? {} : { 'aws:TagKeys': [...tagKeys] };
}

/**
 * `aws:ResourceTag/KEY` and `iam:ResourceTag/KEY` for each tag of the target user (or role). The
 * Service Authorization Reference lists `iam:ResourceTag/KEY` for users and roles only: pass
 * `iamKeys = false` for other resources (managed policies, instance profiles, ...).
 */
export function resourceTagKeys(tags: readonly Tag[], iamKeys = true): ConditionKeys {
  const keys: Keys = {};
  for (const { key, value } of tags) {
    keys[`aws:ResourceTag/${key}`] = value;
    if (iamKeys) keys[`iam:ResourceTag/${key}`] = value;
  }
  return keys;
}

/** `iam:PermissionsBoundary` when the request (or the target) has a boundary. */
export const permissionsBoundaryKey = (arn: string | undefined): ConditionKeys =>
  arn === undefined ? {} : { 'iam:PermissionsBoundary': arn };

/** `iam:PolicyARN` for requests that name a managed policy. */
export const policyArnKey = (arn: string): ConditionKeys => ({ 'iam:PolicyARN': arn });

/**
 * The resource tags of the user an action targets: the named user, else the caller itself (when it
 * is an IAM user). A user that does not exist carries none (the action answers NoSuchEntity).
 */
export async function targetUserKeys(
  ctx: ResourceContext,
  userName: string | undefined,
): Promise<ConditionKeys> {
  const user =
    userName !== undefined
      ? await ctx.store.users.getByName(userName)
      : ctx.caller.kind === 'user'
        ? await ctx.store.users.getById(ctx.caller.userId)
        : undefined;
  return user === undefined ? {} : resourceTagKeys(user.tags);
}

/** The resource tags of an access key's owner (GetAccessKeyLastUsed names the key only). */
export async function keyOwnerKeys(ctx: ResourceContext, accessKeyId: string): Promise<ConditionKeys> {
  const key = await ctx.store.accessKeys.get(accessKeyId);
  if (key === undefined || key.owner === ROOT_OWNER) return {};
  const user = await ctx.store.users.getById(key.owner);
  return user === undefined ? {} : resourceTagKeys(user.tags);
}
