import type { ActionDefinition } from '../action.ts';
import { groupResource, requireGroup, requireUser } from '../lookups.ts';

export interface RemoveUserFromGroupInput {
  readonly GroupName: string;
  readonly UserName: string;
}

/**
 * Idempotent like AddUserToGroup: removing a user that is not a member succeeds (observed on AWS);
 * an unknown user or group is still NoSuchEntity.
 */
export const RemoveUserFromGroup: ActionDefinition<RemoveUserFromGroupInput, void> = {
  service: 'iam',
  name: 'RemoveUserFromGroup',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const user = await requireUser(ctx.store, input.UserName);
    await ctx.store.groups.removeMember(group.groupId, user.userId);
  },
};
