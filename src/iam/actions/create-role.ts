import { WardenError } from '../../core/index.ts';
import type { RoleRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { roleArn } from '../arns.ts';
import { permissionsBoundaryKey, requestTagKeys } from '../authz/condition-keys.ts';
import { checkBoundaryArn } from '../boundary.ts';
import { quotaExceeded } from '../conflicts.ts';
import { ROLE_QUOTAS } from '../role-quotas.ts';
import { roleExists, toFullRole, type WireRole } from '../roles.ts';
import { checkRequestTags, type WireTag } from '../tags.ts';
import { roleToShow, trustPolicyToStore } from '../trust-policy.ts';

export interface CreateRoleInput {
  readonly RoleName: string;
  readonly Path?: string;
  readonly AssumeRolePolicyDocument: string;
  readonly Description?: string;
  readonly MaxSessionDuration?: number;
  readonly PermissionsBoundary?: string;
  readonly Tags?: readonly WireTag[];
}

/** A role: an identity with permissions and no credentials of its own, assumed by its trust policy's principals. */
export const CreateRole: ActionDefinition<CreateRoleInput, { Role: WireRole }> = {
  service: 'iam',
  name: 'CreateRole',
  resource: (input, ctx) => roleArn(ctx.account, input.Path ?? '/', input.RoleName),
  conditionKeys: (input) => ({
    ...requestTagKeys(input.Tags),
    ...permissionsBoundaryKey(input.PermissionsBoundary),
  }),
  async run(input, ctx) {
    const tags = checkRequestTags(input.Tags ?? []);
    if ((input.Path ?? '/').startsWith('/aws-service-role/')) {
      // AWS's words (seen in real InvalidInput errors): that path is CreateServiceLinkedRole's.
      throw new WardenError(
        'InvalidInput',
        "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
      );
    }
    const trust = await trustPolicyToStore(
      ctx.store,
      ctx.account,
      input.AssumeRolePolicyDocument,
      ctx.accounts,
    );
    const boundary =
      input.PermissionsBoundary === undefined
        ? undefined
        : await checkBoundaryArn(ctx.store, input.PermissionsBoundary);
    if ((await ctx.store.roles.count()) >= ROLE_QUOTAS.rolesPerAccount) {
      throw quotaExceeded('RolesPerAccount', ROLE_QUOTAS.rolesPerAccount);
    }
    const role: RoleRecord = {
      roleId: ctx.ids.uniqueId('AROA'),
      roleName: input.RoleName,
      path: input.Path ?? '/',
      assumeRolePolicyDocument: trust,
      ...(input.Description === undefined ? {} : { description: input.Description }),
      maxSessionDuration: input.MaxSessionDuration ?? ROLE_QUOTAS.defaultMaxSessionDuration,
      createDate: ctx.clock.now(),
      ...(boundary === undefined ? {} : { permissionsBoundaryArn: boundary }),
      tags,
    };
    if ((await ctx.store.roles.insert(role)) === 'conflict') throw roleExists(input.RoleName);
    return { Role: toFullRole(ctx.account, await roleToShow(ctx, role)) };
  },
};
