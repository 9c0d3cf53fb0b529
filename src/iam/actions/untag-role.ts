import type { ActionDefinition } from '../action.ts';
import { tagKeysKey } from '../authz/condition-keys.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource } from '../roles.ts';
import { removeTags } from '../tags.ts';

export interface UntagRoleInput {
  readonly RoleName: string;
  readonly TagKeys: readonly string[];
}

export const UntagRole: ActionDefinition<UntagRoleInput, void> = {
  service: 'iam',
  name: 'UntagRole',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: async (input, ctx) => ({
    ...(await targetRoleKeys(ctx, input.RoleName, false)),
    ...tagKeysKey(input.TagKeys),
  }),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    await ctx.store.roles.update(role.roleId, { tags: removeTags(role.tags, input.TagKeys) });
  },
};
