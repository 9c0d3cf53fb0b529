import type { ActionDefinition } from '../action.ts';
import { requestTagKeys } from '../authz/condition-keys.ts';
import { instanceProfileResource, requireInstanceProfile } from '../instance-profiles.ts';
import { checkPolicyTags, mergePolicyTags } from '../policy-tags.ts';
import { targetInstanceProfileKeys } from '../role-condition-keys.ts';
import type { WireTag } from '../tags.ts';

export interface TagInstanceProfileInput {
  readonly InstanceProfileName: string;
  readonly Tags: readonly WireTag[];
}

/** Keys keep their case (only users' and roles' keys are case-insensitive). */
export const TagInstanceProfile: ActionDefinition<TagInstanceProfileInput, void> = {
  service: 'iam',
  name: 'TagInstanceProfile',
  resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName),
  conditionKeys: async (input, ctx) => ({
    ...(await targetInstanceProfileKeys(ctx, input.InstanceProfileName)),
    ...requestTagKeys(input.Tags),
  }),
  async run(input, ctx) {
    const added = checkPolicyTags(input.Tags);
    const profile = await requireInstanceProfile(ctx.store, input.InstanceProfileName);
    await ctx.store.instanceProfiles.setTags(profile.instanceProfileId, mergePolicyTags(profile.tags, added));
  },
};
