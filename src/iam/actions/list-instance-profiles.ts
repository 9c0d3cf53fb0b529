import type { ActionDefinition } from '../action.ts';
import { listArn } from '../arns.ts';
import { toWireInstanceProfile, type WireInstanceProfile } from '../instance-profiles.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';

export interface ListInstanceProfilesInput extends PageInput {
  readonly PathPrefix?: string;
}

/** Without tags (documented), each with its role. */
export const ListInstanceProfiles: ActionDefinition<
  ListInstanceProfilesInput,
  { InstanceProfiles: WireInstanceProfile[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListInstanceProfiles',
  resource: (input, ctx) => listArn(ctx.account, 'instance-profile', input.PathPrefix),
  async run(input, ctx) {
    const page = await ctx.store.instanceProfiles.list({
      ...pageRequest(input, 'ListInstanceProfiles'),
      pathPrefix: input.PathPrefix,
    });
    const profiles: WireInstanceProfile[] = [];
    for (const p of page.items) profiles.push(await toWireInstanceProfile(ctx, p, false));
    return { InstanceProfiles: profiles, ...pageOutput(page, 'ListInstanceProfiles') };
  },
};
