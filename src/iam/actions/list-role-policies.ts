import type { ActionDefinition } from '../action.ts';
import { listInlinePolicies } from '../inline-policies.ts';
import type { PageInput, PageOutput } from '../pagination.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource } from '../roles.ts';

export interface ListRolePoliciesInput extends PageInput {
  readonly RoleName: string;
}

export const ListRolePolicies: ActionDefinition<
  ListRolePoliciesInput,
  { PolicyNames: string[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListRolePolicies',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName, false),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    const target = { ref: { type: 'role', id: role.roleId }, name: role.roleName } as const;
    return listInlinePolicies(ctx.store, target, input, 'ListRolePolicies');
  },
};
