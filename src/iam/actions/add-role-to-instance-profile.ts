import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { authorizePassRole, instanceProfilePassedTo } from '../authz/pass-role.ts';
import { quotaExceeded } from '../conflicts.ts';
import { instanceProfileResource, requireInstanceProfile } from '../instance-profiles.ts';
import { targetInstanceProfileKeys } from '../role-condition-keys.ts';
import { ROLE_QUOTAS } from '../role-quotas.ts';
import { requireModifiableRole } from '../roles.ts';

export interface AddRoleToInstanceProfileInput {
  readonly InstanceProfileName: string;
  readonly RoleName: string;
}

/**
 * One role per profile (`Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1`). Putting a
 * role in a profile hands it to EC2, so, as AWS documents, the caller also needs `iam:PassRole` on
 * the role (checked with `iam:PassedToService` = `ec2.amazonaws.com`).
 */
export const AddRoleToInstanceProfile: ActionDefinition<AddRoleToInstanceProfileInput, void> = {
  service: 'iam',
  name: 'AddRoleToInstanceProfile',
  resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName),
  conditionKeys: (input, ctx) => targetInstanceProfileKeys(ctx, input.InstanceProfileName),
  async run(input, ctx) {
    const profile = await requireInstanceProfile(ctx.store, input.InstanceProfileName);
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    await authorizePassRole(ctx, role, instanceProfilePassedTo(ctx));
    if (profile.roleId === role.roleId) {
      throw new WardenError(
        'EntityAlreadyExists',
        `Role ${role.roleName} is already in instance profile ${profile.instanceProfileName}.`,
      );
    }
    const result = await ctx.store.instanceProfiles.addRole(profile.instanceProfileId, role.roleId);
    if (result === 'full') {
      throw quotaExceeded('InstanceSessionsPerInstanceProfile', ROLE_QUOTAS.rolesPerInstanceProfile);
    }
  },
};
