import { WardenError } from '../core/index.ts';
import type { GroupRecord, StoreTx, UserRecord } from '../store/port.ts';
import type { ActionContext, ResourceContext } from './action.ts';
import { groupArn, userArn } from './arns.ts';

/** Finding the entities an action names, with AWS's NoSuchEntity wording when they are absent. */

export const noSuchUser = (name: string): WardenError =>
  new WardenError('NoSuchEntity', `The user with name ${name} cannot be found.`);

export const noSuchGroup = (name: string): WardenError =>
  new WardenError('NoSuchEntity', `The group with name ${name} cannot be found.`);

/** A role session or federated user acting on "itself" names no user (AWS's wording). */
export const userNameRequired = (): WardenError =>
  new WardenError('ValidationError', 'Must specify userName when calling with non-User credentials');

export async function requireUser(store: StoreTx, userName: string): Promise<UserRecord> {
  const user = await store.users.getByName(userName);
  if (user === undefined) throw noSuchUser(userName);
  return user;
}

export async function requireGroup(store: StoreTx, groupName: string): Promise<GroupRecord> {
  const group = await store.groups.getByName(groupName);
  if (group === undefined) throw noSuchGroup(groupName);
  return group;
}

/**
 * The user ARN a permission is checked on. The stored path is part of it; a user that does not
 * exist (yet) gets the path `/` so that the action itself can then answer NoSuchEntity.
 */
export async function userResource(ctx: ResourceContext, userName: string, path?: string): Promise<string> {
  const user = path === undefined ? await ctx.store.users.getByName(userName) : undefined;
  return userArn(ctx.account, path ?? user?.path ?? '/', user?.userName ?? userName);
}

export async function groupResource(ctx: ResourceContext, groupName: string, path?: string): Promise<string> {
  const group = path === undefined ? await ctx.store.groups.getByName(groupName) : undefined;
  return groupArn(ctx.account, path ?? group?.path ?? '/', group?.groupName ?? groupName);
}

/** Who an action with an optional UserName acts on: the named user, else the caller itself. */
export type Subject = { readonly kind: 'user'; readonly user: UserRecord } | { readonly kind: 'root' };

export async function resolveSubject(ctx: ActionContext, userName: string | undefined): Promise<Subject> {
  if (userName !== undefined) return { kind: 'user', user: await requireUser(ctx.store, userName) };
  if (ctx.caller.kind === 'root') return { kind: 'root' };
  if (ctx.caller.kind !== 'user') throw userNameRequired();
  const user = await ctx.store.users.getById(ctx.caller.userId);
  // The caller authenticated a moment ago, so its user exists unless it was deleted in between.
  if (user === undefined) throw noSuchUser(ctx.caller.userName);
  return { kind: 'user', user };
}

/** The resource of an action with an optional UserName: the named user's ARN, else the caller's own. */
export function subjectResource(
  ctx: ResourceContext,
  userName: string | undefined,
): Promise<string> | string {
  return userName === undefined ? ctx.caller.arn : userResource(ctx, userName);
}

/**
 * The resources of a rename/move: the entity under its current name and path, and under its new
 * ones when they differ (AWS requires permission on both the source and the target).
 */
export function renameResources(current: string, renamed: string): string[] {
  return current === renamed ? [current] : [current, renamed];
}
