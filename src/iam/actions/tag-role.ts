import type { ActionDefinition } from '../action.ts';
import { requestTagKeys } from '../authz/condition-keys.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource } from '../roles.ts';
import { checkRequestTags, mergeTags, type WireTag } from '../tags.ts';

export interface TagRoleInput {
  readonly RoleName: string;
  readonly Tags: readonly WireTag[];
}

/** Keys compared without case, like users' (a new key replaces one that differs only in case). */
export const TagRole: ActionDefinition<TagRoleInput, void> = {
  service: 'iam',
  name: 'TagRole',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: async (input, ctx) => ({
    ...(await targetRoleKeys(ctx, input.RoleName, false)),
    ...requestTagKeys(input.Tags),
  }),
  async run(input, ctx) {
    const added = checkRequestTags(input.Tags);
    const role = await requireRole(ctx.store, input.RoleName);
    await ctx.store.roles.update(role.roleId, { tags: mergeTags(role.tags, added, 'Role') });
  },
};
