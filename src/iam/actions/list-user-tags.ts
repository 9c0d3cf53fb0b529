import type { ActionDefinition } from '../action.ts';
import { requireUser, userResource } from '../lookups.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toWireTags, type WireTag } from '../tags.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface ListUserTagsInput extends PageInput {
  readonly UserName: string;
}

export const ListUserTags: ActionDefinition<ListUserTagsInput, { Tags: WireTag[] } & PageOutput> = {
  service: 'iam',
  name: 'ListUserTags',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const page = pageInMemory(user.tags, pageRequest(input, 'ListUserTags'));
    return { Tags: toWireTags(page.items), ...pageOutput(page, 'ListUserTags') };
  },
};
