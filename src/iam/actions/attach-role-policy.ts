import type { ActionDefinition } from '../action.ts';
import { attachPolicy } from '../attachments.ts';
import { attachRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';

export interface AttachRolePolicyInput {
  readonly RoleName: string;
  readonly PolicyArn: string;
}

/** At most 10 per role (PoliciesPerRole); service-linked roles are the service's to change. */
export const AttachRolePolicy: ActionDefinition<AttachRolePolicyInput, void> = {
  service: 'iam',
  name: 'AttachRolePolicy',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => attachRoleKeys(ctx, input.RoleName, input.PolicyArn),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    await attachPolicy(ctx.store, { type: 'role', id: role.roleId }, input.PolicyArn);
  },
};
