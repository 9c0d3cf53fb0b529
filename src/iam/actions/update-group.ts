import type { GroupPatch } from '../../store/port.ts';
import type { ActionDefinition, ResourceContext } from '../action.ts';
import { groupArn } from '../arns.ts';
import { groupExists } from '../conflicts.ts';
import { noSuchGroup, renameResources, requireGroup } from '../lookups.ts';

export interface UpdateGroupInput {
  readonly GroupName: string;
  readonly NewPath?: string;
  readonly NewGroupName?: string;
}

/** Permission is needed on the group as it is and as it will be, as for UpdateUser. */
async function resources(input: UpdateGroupInput, ctx: ResourceContext): Promise<string[]> {
  const group = await ctx.store.groups.getByName(input.GroupName);
  const path = group?.path ?? '/';
  const name = group?.groupName ?? input.GroupName;
  return renameResources(
    groupArn(ctx.account, path, name),
    groupArn(ctx.account, input.NewPath ?? path, input.NewGroupName ?? name),
  );
}

export const UpdateGroup: ActionDefinition<UpdateGroupInput, void> = {
  service: 'iam',
  name: 'UpdateGroup',
  resource: resources,
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
