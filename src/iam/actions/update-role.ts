import type { RolePatch } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireModifiable, requireRole, roleResource } from '../roles.ts';

export interface UpdateRoleInput {
  readonly RoleName: string;
  readonly Description?: string;
  readonly MaxSessionDuration?: number;
}

/**
 * Description and/or MaxSessionDuration (1 to 12 hours, bounded by the model); an empty result.
 * The description of any role may change, a service-linked one's too (IAM User Guide, "Update a
 * service-linked role"); its session duration is the service's.
 */
export const UpdateRole: ActionDefinition<UpdateRoleInput, Record<string, never>> = {
  service: 'iam',
  name: 'UpdateRole',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    if (input.MaxSessionDuration !== undefined) requireModifiable(role);
    const patch: RolePatch = {
      ...(input.Description === undefined ? {} : { description: input.Description }),
      ...(input.MaxSessionDuration === undefined ? {} : { maxSessionDuration: input.MaxSessionDuration }),
    };
    if (Object.keys(patch).length > 0) await ctx.store.roles.update(role.roleId, patch);
    return {};
  },
};
