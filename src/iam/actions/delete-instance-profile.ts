import type { ActionDefinition } from '../action.ts';
import { deleteConflict } from '../conflicts.ts';
import { instanceProfileResource, requireInstanceProfile } from '../instance-profiles.ts';
import { targetInstanceProfileKeys } from '../role-condition-keys.ts';

export interface DeleteInstanceProfileInput {
  readonly InstanceProfileName: string;
}

/** Refused while it holds a role (`Cannot delete entity, must remove roles from instance profile first.`). */
export const DeleteInstanceProfile: ActionDefinition<DeleteInstanceProfileInput, void> = {
  service: 'iam',
  name: 'DeleteInstanceProfile',
  resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName),
  conditionKeys: (input, ctx) => targetInstanceProfileKeys(ctx, input.InstanceProfileName),
  async run(input, ctx) {
    const profile = await requireInstanceProfile(ctx.store, input.InstanceProfileName);
    if (profile.roleId !== undefined) throw deleteConflict('remove roles from instance profile');
    await ctx.store.instanceProfiles.delete(profile.instanceProfileId);
  },
};
