import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { groupResource, requireGroup, requireUser } from '../lookups.ts';

export interface RemoveUserFromGroupInput {
  readonly GroupName: string;
  readonly UserName: string;
}

export const RemoveUserFromGroup: ActionDefinition<RemoveUserFromGroupInput, void> = {
  service: 'iam',
  name: 'RemoveUserFromGroup',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const user = await requireUser(ctx.store, input.UserName);
    if (!(await ctx.store.groups.removeMember(group.groupId, user.userId))) {
      throw new WardenError(
        'NoSuchEntity',
        `The user with name ${input.UserName} cannot be found in group ${input.GroupName}.`,
      );
    }
  },
};
