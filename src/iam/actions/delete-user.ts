import type { StoreTx, UserRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { deleteConflict } from '../conflicts.ts';
import { requireUser, userResource } from '../lookups.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface DeleteUserInput {
  readonly UserName: string;
}

/**
 * AWS refuses to delete a user that still owns anything, one kind at a time, in its own words.
 * MFA devices, signing certificates and SSH keys join this list as the issues that bring them land. A permissions boundary does not block deletion.
 */
async function checkNothingLeft(store: StoreTx, user: UserRecord): Promise<void> {
  if ((await store.loginProfiles.get(user.userId)) !== undefined)
    throw deleteConflict('delete login profile');
  if ((await store.accessKeys.countByOwner(user.userId)) > 0) throw deleteConflict('delete access keys');
  if ((await store.mfaDevices.countAssigned(user.userId)) > 0) throw deleteConflict('delete MFA device');
  if ((await store.groups.countGroupsForUser(user.userId)) > 0)
    throw deleteConflict('remove users from group');
  const entity = { type: 'user', id: user.userId } as const;
  if ((await store.inlinePolicies.count(entity)) > 0) throw deleteConflict('delete policies');
  if ((await store.attachments.countForEntity(entity)) > 0) throw deleteConflict('detach all policies');
}

export const DeleteUser: ActionDefinition<DeleteUserInput, void> = {
  service: 'iam',
  name: 'DeleteUser',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    await checkNothingLeft(ctx.store, user);
    await ctx.store.users.delete(user.userId);
  },
};
