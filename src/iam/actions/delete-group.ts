import type { ActionDefinition } from '../action.ts';
import { deleteConflict } from '../conflicts.ts';
import { groupResource, requireGroup } from '../lookups.ts';

export interface DeleteGroupInput {
  readonly GroupName: string;
}

/** Refused while the group has members, inline policies or attached policies, in AWS's words. */
export const DeleteGroup: ActionDefinition<DeleteGroupInput, void> = {
  service: 'iam',
  name: 'DeleteGroup',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    if ((await ctx.store.groups.countMembers(group.groupId)) > 0)
      throw deleteConflict('remove users from group');
    const entity = { type: 'group', id: group.groupId } as const;
    if ((await ctx.store.inlinePolicies.count(entity)) > 0) throw deleteConflict('delete policies');
    if ((await ctx.store.attachments.countForEntity(entity)) > 0) throw deleteConflict('detach all policies');
    await ctx.store.groups.delete(group.groupId);
  },
};
