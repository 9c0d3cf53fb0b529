import type { ActionDefinition } from '../action.ts';
import { requireUser, userResource } from '../lookups.ts';
import { checkRequestTags, mergeTags, type WireTag } from '../tags.ts';
import { requestTagKeys, targetUserKeys } from '../authz/condition-keys.ts';

export interface TagUserInput {
  readonly UserName: string;
  readonly Tags: readonly WireTag[];
}

export const TagUser: ActionDefinition<TagUserInput, void> = {
  service: 'iam',
  name: 'TagUser',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: async (input, ctx) => ({
    ...(await targetUserKeys(ctx, input.UserName)),
    ...requestTagKeys(input.Tags),
  }),
  async run(input, ctx) {
    const added = checkRequestTags(input.Tags);
    const user = await requireUser(ctx.store, input.UserName);
    await ctx.store.users.update(user.userId, { tags: mergeTags(user.tags, added, 'User') });
  },
};
