import type { ActionDefinition } from '../action.ts';
import { getInlinePolicy } from '../inline-policies.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource } from '../roles.ts';

export interface GetRolePolicyInput {
  readonly RoleName: string;
  readonly PolicyName: string;
}

export interface GetRolePolicyOutput {
  readonly RoleName: string;
  readonly PolicyName: string;
  /** Verbatim; the protocol renderer URL-encodes it. */
  readonly PolicyDocument: string;
}

export const GetRolePolicy: ActionDefinition<GetRolePolicyInput, GetRolePolicyOutput> = {
  service: 'iam',
  name: 'GetRolePolicy',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName, false),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    const target = { ref: { type: 'role', id: role.roleId }, name: role.roleName } as const;
    const policy = await getInlinePolicy(ctx.store, target, input.PolicyName);
    return { RoleName: role.roleName, PolicyName: policy.policyName, PolicyDocument: policy.document };
  },
};
