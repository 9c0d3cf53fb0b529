import type { ActionDefinition } from '../action.ts';
import { tagKeysKey } from '../authz/condition-keys.ts';
import { instanceProfileResource, requireInstanceProfile } from '../instance-profiles.ts';
import { removePolicyTags } from '../policy-tags.ts';
import { targetInstanceProfileKeys } from '../role-condition-keys.ts';

export interface UntagInstanceProfileInput {
  readonly InstanceProfileName: string;
  readonly TagKeys: readonly string[];
}

export const UntagInstanceProfile: ActionDefinition<UntagInstanceProfileInput, void> = {
  service: 'iam',
  name: 'UntagInstanceProfile',
  resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName),
  conditionKeys: async (input, ctx) => ({
    ...(await targetInstanceProfileKeys(ctx, input.InstanceProfileName)),
    ...tagKeysKey(input.TagKeys),
  }),
  async run(input, ctx) {
    const profile = await requireInstanceProfile(ctx.store, input.InstanceProfileName);
    await ctx.store.instanceProfiles.setTags(
      profile.instanceProfileId,
      removePolicyTags(profile.tags, input.TagKeys),
    );
  },
};
