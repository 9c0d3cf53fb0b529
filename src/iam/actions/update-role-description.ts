import type { ActionDefinition } from '../action.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource, toFullRole, type WireRole } from '../roles.ts';
import { roleToShow } from '../trust-policy.ts';

export interface UpdateRoleDescriptionInput {
  readonly RoleName: string;
  readonly Description: string;
}

/** The older form of UpdateRole: the description only (of any role, service-linked too), answering the role. */
export const UpdateRoleDescription: ActionDefinition<UpdateRoleDescriptionInput, { Role: WireRole }> = {
  service: 'iam',
  name: 'UpdateRoleDescription',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    await ctx.store.roles.update(role.roleId, { description: input.Description });
    const updated = { ...role, description: input.Description };
    return { Role: toFullRole(ctx.account, await roleToShow(ctx, updated)) };
  },
};
