import type { ActionDefinition } from '../action.ts';
import { requireUser, userResource } from '../lookups.ts';
import { removeTags } from '../tags.ts';
import { tagKeysKey, targetUserKeys } from '../authz/condition-keys.ts';

export interface UntagUserInput {
  readonly UserName: string;
  readonly TagKeys: readonly string[];
}

export const UntagUser: ActionDefinition<UntagUserInput, void> = {
  service: 'iam',
  name: 'UntagUser',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: async (input, ctx) => ({
    ...(await targetUserKeys(ctx, input.UserName)),
    ...tagKeysKey(input.TagKeys),
  }),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    await ctx.store.users.update(user.userId, { tags: removeTags(user.tags, input.TagKeys) });
  },
};
