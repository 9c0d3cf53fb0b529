import type { ActionDefinition } from '../action.ts';
import { groupResource, requireGroup } from '../lookups.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toListedUser, toWireGroup, type WireGroup, type WireUser } from '../wire.ts';

export interface GetGroupInput extends PageInput {
  readonly GroupName: string;
}

/** The group and one page of its users (the paginator aggregates `Users`, not `Group`). */
export const GetGroup: ActionDefinition<GetGroupInput, { Group: WireGroup; Users: WireUser[] } & PageOutput> =
  {
    service: 'iam',
    name: 'GetGroup',
    resource: (input, ctx) => groupResource(ctx, input.GroupName),
    async run(input, ctx) {
      const group = await requireGroup(ctx.store, input.GroupName);
      const page = await ctx.store.groups.listMembers(group.groupId, pageRequest(input, 'GetGroup'));
      return {
        Group: toWireGroup(ctx.account, group),
        Users: page.items.map((u) => toListedUser(ctx.account, u)),
        ...pageOutput(page, 'GetGroup'),
      };
    },
  };
