import type { ActionDefinition } from '../action.ts';
import { requireUser, userResource } from '../lookups.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toWireGroup, type WireGroup } from '../wire.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface ListGroupsForUserInput extends PageInput {
  readonly UserName: string;
}

export const ListGroupsForUser: ActionDefinition<
  ListGroupsForUserInput,
  { Groups: WireGroup[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListGroupsForUser',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const page = await ctx.store.groups.listGroupsForUser(
      user.userId,
      pageRequest(input, 'ListGroupsForUser'),
    );
    return {
      Groups: page.items.map((g) => toWireGroup(ctx.account, g)),
      ...pageOutput(page, 'ListGroupsForUser'),
    };
  },
};
