import type { ActionDefinition } from '../action.ts';
import { quotaExceeded } from '../conflicts.ts';
import { groupResource, requireGroup, requireUser } from '../lookups.ts';
import { QUOTAS } from '../quotas.ts';

export interface AddUserToGroupInput {
  readonly GroupName: string;
  readonly UserName: string;
}

/** Idempotent, as in AWS: adding a member again succeeds and changes nothing. */
export const AddUserToGroup: ActionDefinition<AddUserToGroupInput, void> = {
  service: 'iam',
  name: 'AddUserToGroup',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const user = await requireUser(ctx.store, input.UserName);
    if (await ctx.store.groups.isMember(group.groupId, user.userId)) return;
    if ((await ctx.store.groups.countGroupsForUser(user.userId)) >= QUOTAS.groupsPerUser) {
      throw quotaExceeded('GroupsPerUser', QUOTAS.groupsPerUser);
    }
    await ctx.store.groups.addMember(group.groupId, user.userId);
  },
};
