import type { ActionDefinition } from '../action.ts';
import { subjectResource } from '../lookups.ts';
import { profileUser, requireProfile } from '../login-profiles.ts';
import { toWireLoginProfile, type WireLoginProfile } from '../wire.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface GetLoginProfileInput {
  readonly UserName?: string;
}

/** Never returns the password (only its hash is stored anyway). */
export const GetLoginProfile: ActionDefinition<GetLoginProfileInput, { LoginProfile: WireLoginProfile }> = {
  service: 'iam',
  name: 'GetLoginProfile',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await profileUser(ctx, input.UserName);
    return { LoginProfile: toWireLoginProfile(user, await requireProfile(ctx, user)) };
  },
};
