import type { ActionDefinition } from '../action.ts';
import { subjectResource } from '../lookups.ts';
import { noSuchProfile, profileUser } from '../login-profiles.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface DeleteLoginProfileInput {
  readonly UserName?: string;
}

/** Removes console access only; the user's access keys keep working. */
export const DeleteLoginProfile: ActionDefinition<DeleteLoginProfileInput, void> = {
  service: 'iam',
  name: 'DeleteLoginProfile',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await profileUser(ctx, input.UserName);
    if (!(await ctx.store.loginProfiles.delete(user.userId))) throw noSuchProfile(user.userName);
  },
};
