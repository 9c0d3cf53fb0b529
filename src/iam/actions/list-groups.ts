import type { ActionDefinition } from '../action.ts';
import { listArn } from '../arns.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toWireGroup, type WireGroup } from '../wire.ts';

export interface ListGroupsInput extends PageInput {
  readonly PathPrefix?: string;
}

export const ListGroups: ActionDefinition<ListGroupsInput, { Groups: WireGroup[] } & PageOutput> = {
  service: 'iam',
  name: 'ListGroups',
  resource: (input, ctx) => listArn(ctx.account, 'group', input.PathPrefix),
  async run(input, ctx) {
    const page = await ctx.store.groups.list({
      ...pageRequest(input, 'ListGroups'),
      ...(input.PathPrefix === undefined ? {} : { pathPrefix: input.PathPrefix }),
    });
    return { Groups: page.items.map((g) => toWireGroup(ctx.account, g)), ...pageOutput(page, 'ListGroups') };
  },
};
