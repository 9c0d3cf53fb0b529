import type { RoleRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { quotaExceeded } from '../conflicts.ts';
import { ROLE_QUOTAS } from '../role-quotas.ts';
import { toFullRole, type WireRole } from '../roles.ts';
import { WardenError } from '../../core/index.ts';
import { linkedRoleArn, linkedRolePlan, linkedRoleTrustPolicy } from '../service-linked-roles.ts';

export interface CreateServiceLinkedRoleInput {
  readonly AWSServiceName: string;
  readonly Description?: string;
  readonly CustomSuffix?: string;
}

/**
 * The role a service acts with: named by the service (`AWSServiceRoleForXxx`, `_SUFFIX` appended
 * where the service accepts one), at `/aws-service-role/SERVICE/`, trusting only that service,
 * with the service's AWS managed policy attached. Only DeleteServiceLinkedRole removes it.
 */
export const CreateServiceLinkedRole: ActionDefinition<CreateServiceLinkedRoleInput, { Role: WireRole }> = {
  service: 'iam',
  name: 'CreateServiceLinkedRole',
  resource: (input, ctx) => {
    try {
      const plan = linkedRolePlan(ctx.account, input.AWSServiceName, input.CustomSuffix);
      return linkedRoleArn(ctx.account, input.AWSServiceName, plan.roleName);
    } catch {
      // An invalid request is authorized on the service's path; the action then says InvalidInput.
      return linkedRoleArn(ctx.account, input.AWSServiceName, '*');
    }
  },
  conditionKeys: (input) => ({ 'iam:AWSServiceName': input.AWSServiceName }),
  async run(input, ctx) {
    const plan = linkedRolePlan(ctx.account, input.AWSServiceName, input.CustomSuffix);
    if ((await ctx.store.roles.count()) >= ROLE_QUOTAS.rolesPerAccount) {
      throw quotaExceeded('RolesPerAccount', ROLE_QUOTAS.rolesPerAccount);
    }
    const role: RoleRecord = {
      roleId: ctx.ids.uniqueId('AROA'),
      roleName: plan.roleName,
      path: plan.path,
      assumeRolePolicyDocument: linkedRoleTrustPolicy(input.AWSServiceName),
      ...(input.Description === undefined ? {} : { description: input.Description }),
      maxSessionDuration: ROLE_QUOTAS.defaultMaxSessionDuration,
      createDate: ctx.clock.now(),
      linkedService: input.AWSServiceName,
      tags: [],
    };
    if ((await ctx.store.roles.insert(role)) === 'conflict') {
      throw new WardenError(
        'InvalidInput',
        `Service role name ${plan.roleName} has been taken in this account, please try a different suffix.`,
      );
    }
    if (plan.policyArn !== undefined) {
      await ctx.store.attachments.attach({ type: 'role', id: role.roleId }, plan.policyArn);
    }
    return { Role: toFullRole(ctx.account, role) };
  },
};
