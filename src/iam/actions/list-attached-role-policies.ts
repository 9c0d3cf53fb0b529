import type { ActionDefinition } from '../action.ts';
import { listAttached, type WireAttachedPolicy } from '../attachments.ts';
import type { PageInput, PageOutput } from '../pagination.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource } from '../roles.ts';

export interface ListAttachedRolePoliciesInput extends PageInput {
  readonly RoleName: string;
  readonly PathPrefix?: string;
}

export const ListAttachedRolePolicies: ActionDefinition<
  ListAttachedRolePoliciesInput,
  { AttachedPolicies: WireAttachedPolicy[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListAttachedRolePolicies',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName, false),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    return listAttached(ctx.store, { type: 'role', id: role.roleId }, input, 'ListAttachedRolePolicies');
  },
};
