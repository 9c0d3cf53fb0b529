import type { ActionDefinition } from '../action.ts';
import { listArn } from '../arns.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toListedUser, type WireUser } from '../wire.ts';

export interface ListUsersInput extends PageInput {
  readonly PathPrefix?: string;
}

export const ListUsers: ActionDefinition<ListUsersInput, { Users: WireUser[] } & PageOutput> = {
  service: 'iam',
  name: 'ListUsers',
  resource: (input, ctx) => listArn(ctx.account, 'user', input.PathPrefix),
  async run(input, ctx) {
    const page = await ctx.store.users.list({
      ...pageRequest(input, 'ListUsers'),
      ...(input.PathPrefix === undefined ? {} : { pathPrefix: input.PathPrefix }),
    });
    return { Users: page.items.map((u) => toListedUser(ctx.account, u)), ...pageOutput(page, 'ListUsers') };
  },
};
