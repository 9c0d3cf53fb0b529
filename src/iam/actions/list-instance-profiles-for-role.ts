import type { ActionDefinition } from '../action.ts';
import { toWireInstanceProfile, type WireInstanceProfile } from '../instance-profiles.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireRole, roleResource } from '../roles.ts';

export interface ListInstanceProfilesForRoleInput extends PageInput {
  readonly RoleName: string;
}

export const ListInstanceProfilesForRole: ActionDefinition<
  ListInstanceProfilesForRoleInput,
  { InstanceProfiles: WireInstanceProfile[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListInstanceProfilesForRole',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName, false),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    const page = await ctx.store.instanceProfiles.listForRole(
      role.roleId,
      pageRequest(input, 'ListInstanceProfilesForRole'),
    );
    const profiles: WireInstanceProfile[] = [];
    for (const p of page.items) profiles.push(await toWireInstanceProfile(ctx, p, false));
    return { InstanceProfiles: profiles, ...pageOutput(page, 'ListInstanceProfilesForRole') };
  },
};
