import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';

export interface DeleteRolePermissionsBoundaryInput {
  readonly RoleName: string;
}

/** Removes the boundary; a role without one answers NoSuchEntity (UNCONFIRMED wording, as for users). */
export const DeleteRolePermissionsBoundary: ActionDefinition<DeleteRolePermissionsBoundaryInput, void> = {
  service: 'iam',
  name: 'DeleteRolePermissionsBoundary',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  // iam:PermissionsBoundary is the boundary being removed.
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    if (role.permissionsBoundaryArn === undefined) {
      throw new WardenError(
        'NoSuchEntity',
        `The role with name ${role.roleName} has no permissions boundary.`,
      );
    }
    await ctx.store.roles.update(role.roleId, { permissionsBoundaryArn: null });
  },
};
