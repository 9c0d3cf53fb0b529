import type { ActionDefinition } from '../action.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource, toRoleWithLastUsed, type WireRole } from '../roles.ts';
import { roleToShow } from '../trust-policy.ts';

export interface GetRoleInput {
  readonly RoleName: string;
}

/** With its boundary, tags and RoleLastUsed (an empty structure when never used). */
export const GetRole: ActionDefinition<GetRoleInput, { Role: WireRole }> = {
  service: 'iam',
  name: 'GetRole',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    return { Role: toRoleWithLastUsed(ctx.account, await roleToShow(ctx, role)) };
  },
};
