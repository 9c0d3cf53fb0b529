import type { ActionDefinition } from '../action.ts';
import { instanceProfileResource, requireInstanceProfile } from '../instance-profiles.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { targetInstanceProfileKeys } from '../role-condition-keys.ts';
import { toWireTags, type WireTag } from '../tags.ts';

export interface ListInstanceProfileTagsInput extends PageInput {
  readonly InstanceProfileName: string;
}

export const ListInstanceProfileTags: ActionDefinition<
  ListInstanceProfileTagsInput,
  { Tags: WireTag[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListInstanceProfileTags',
  resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName),
  conditionKeys: (input, ctx) => targetInstanceProfileKeys(ctx, input.InstanceProfileName),
  async run(input, ctx) {
    const profile = await requireInstanceProfile(ctx.store, input.InstanceProfileName);
    const page = pageInMemory(profile.tags, pageRequest(input, 'ListInstanceProfileTags'));
    return { Tags: toWireTags(page.items), ...pageOutput(page, 'ListInstanceProfileTags') };
  },
};
