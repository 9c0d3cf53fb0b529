import type { ActionDefinition } from '../action.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';
import { trustPolicyToStore } from '../trust-policy.ts';

export interface UpdateAssumeRolePolicyInput {
  readonly RoleName: string;
  readonly PolicyDocument: string;
}

/** Replaces the trust policy, validated as CreateRole validates it. */
export const UpdateAssumeRolePolicy: ActionDefinition<UpdateAssumeRolePolicyInput, void> = {
  service: 'iam',
  name: 'UpdateAssumeRolePolicy',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    const trust = await trustPolicyToStore(ctx.store, ctx.account, input.PolicyDocument, ctx.accounts);
    await ctx.store.roles.update(role.roleId, { assumeRolePolicyDocument: trust });
  },
};
