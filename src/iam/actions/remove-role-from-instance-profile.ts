import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { instanceProfileResource, requireInstanceProfile } from '../instance-profiles.ts';
import { targetInstanceProfileKeys } from '../role-condition-keys.ts';
import { requireModifiableRole } from '../roles.ts';

export interface RemoveRoleFromInstanceProfileInput {
  readonly InstanceProfileName: string;
  readonly RoleName: string;
}

export const RemoveRoleFromInstanceProfile: ActionDefinition<RemoveRoleFromInstanceProfileInput, void> = {
  service: 'iam',
  name: 'RemoveRoleFromInstanceProfile',
  resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName),
  conditionKeys: (input, ctx) => targetInstanceProfileKeys(ctx, input.InstanceProfileName),
  async run(input, ctx) {
    const profile = await requireInstanceProfile(ctx.store, input.InstanceProfileName);
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    if (!(await ctx.store.instanceProfiles.removeRole(profile.instanceProfileId, role.roleId))) {
      // UNCONFIRMED wording (moto's).
      throw new WardenError(
        'NoSuchEntity',
        `The role with name ${role.roleName} is not in instance profile ${profile.instanceProfileName}.`,
      );
    }
  },
};
