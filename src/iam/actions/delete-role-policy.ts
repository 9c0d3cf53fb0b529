import type { ActionDefinition } from '../action.ts';
import { deleteInlinePolicy } from '../inline-policies.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';

export interface DeleteRolePolicyInput {
  readonly RoleName: string;
  readonly PolicyName: string;
}

export const DeleteRolePolicy: ActionDefinition<DeleteRolePolicyInput, void> = {
  service: 'iam',
  name: 'DeleteRolePolicy',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    const target = { ref: { type: 'role', id: role.roleId }, name: role.roleName } as const;
    await deleteInlinePolicy(ctx.store, target, input.PolicyName);
  },
};
