import type { ActionDefinition } from '../action.ts';
import { putInlinePolicy } from '../inline-policies.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';

export interface PutRolePolicyInput {
  readonly RoleName: string;
  readonly PolicyName: string;
  readonly PolicyDocument: string;
}

/** Creates or replaces; the role's inline policies together may hold 10240 characters (white space aside). */
export const PutRolePolicy: ActionDefinition<PutRolePolicyInput, void> = {
  service: 'iam',
  name: 'PutRolePolicy',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    const target = { ref: { type: 'role', id: role.roleId }, name: role.roleName } as const;
    await putInlinePolicy(ctx.store, target, input.PolicyName, input.PolicyDocument);
  },
};
