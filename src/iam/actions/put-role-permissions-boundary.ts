import type { ActionDefinition } from '../action.ts';
import { permissionsBoundaryKey } from '../authz/condition-keys.ts';
import { checkBoundaryArn } from '../boundary.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';

export interface PutRolePermissionsBoundaryInput {
  readonly RoleName: string;
  readonly PermissionsBoundary: string;
}

/** Sets or replaces the boundary: a customer or AWS managed policy that exists. */
export const PutRolePermissionsBoundary: ActionDefinition<PutRolePermissionsBoundaryInput, void> = {
  service: 'iam',
  name: 'PutRolePermissionsBoundary',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  // iam:PermissionsBoundary is the boundary being set (what a delegated admin's policy restricts).
  conditionKeys: async (input, ctx) => ({
    ...(await targetRoleKeys(ctx, input.RoleName, false)),
    ...permissionsBoundaryKey(input.PermissionsBoundary),
  }),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    const boundary = await checkBoundaryArn(ctx.store, input.PermissionsBoundary);
    await ctx.store.roles.update(role.roleId, { permissionsBoundaryArn: boundary });
  },
};
