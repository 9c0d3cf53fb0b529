import type { ActionDefinition } from '../action.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource } from '../roles.ts';
import { toWireTags, type WireTag } from '../tags.ts';

export interface ListRoleTagsInput extends PageInput {
  readonly RoleName: string;
}

export const ListRoleTags: ActionDefinition<ListRoleTagsInput, { Tags: WireTag[] } & PageOutput> = {
  service: 'iam',
  name: 'ListRoleTags',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName, false),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    const page = pageInMemory(role.tags, pageRequest(input, 'ListRoleTags'));
    return { Tags: toWireTags(page.items), ...pageOutput(page, 'ListRoleTags') };
  },
};
