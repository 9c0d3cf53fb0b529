import type { GroupPatch } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { groupExists } from '../conflicts.ts';
import { groupResource, noSuchGroup, requireGroup } from '../lookups.ts';

export interface UpdateGroupInput {
  readonly GroupName: string;
  readonly NewPath?: string;
  readonly NewGroupName?: string;
}

export const UpdateGroup: ActionDefinition<UpdateGroupInput, void> = {
  service: 'iam',
  name: 'UpdateGroup',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const patch: GroupPatch = {
      ...(input.NewGroupName === undefined ? {} : { groupName: input.NewGroupName }),
      ...(input.NewPath === undefined ? {} : { path: input.NewPath }),
    };
    if (Object.keys(patch).length === 0) return;
    const result = await ctx.store.groups.update(group.groupId, patch);
    if (result === 'conflict') throw groupExists(input.NewGroupName ?? input.GroupName);
    if (result === 'missing') throw noSuchGroup(input.GroupName);
  },
};
