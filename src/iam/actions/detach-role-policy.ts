import type { ActionDefinition } from '../action.ts';
import { detachPolicy } from '../attachments.ts';
import { attachRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';

export interface DetachRolePolicyInput {
  readonly RoleName: string;
  readonly PolicyArn: string;
}

export const DetachRolePolicy: ActionDefinition<DetachRolePolicyInput, void> = {
  service: 'iam',
  name: 'DetachRolePolicy',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => attachRoleKeys(ctx, input.RoleName, input.PolicyArn),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    await detachPolicy(ctx.store, { type: 'role', id: role.roleId }, input.PolicyArn);
  },
};
