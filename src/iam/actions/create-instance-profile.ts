import type { InstanceProfileRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { instanceProfileArn } from '../arns.ts';
import { requestTagKeys } from '../authz/condition-keys.ts';
import { quotaExceeded } from '../conflicts.ts';
import {
  instanceProfileExists,
  toWireInstanceProfile,
  type WireInstanceProfile,
} from '../instance-profiles.ts';
import { checkPolicyTags } from '../policy-tags.ts';
import { ROLE_QUOTAS } from '../role-quotas.ts';
import type { WireTag } from '../tags.ts';

export interface CreateInstanceProfileInput {
  readonly InstanceProfileName: string;
  readonly Path?: string;
  readonly Tags?: readonly WireTag[];
}

/** An empty profile (`Roles` is an empty list); tag keys keep their case, as for other non-identity resources. */
export const CreateInstanceProfile: ActionDefinition<
  CreateInstanceProfileInput,
  { InstanceProfile: WireInstanceProfile }
> = {
  service: 'iam',
  name: 'CreateInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx.account, input.Path ?? '/', input.InstanceProfileName),
  conditionKeys: (input) => requestTagKeys(input.Tags),
  async run(input, ctx) {
    const tags = checkPolicyTags(input.Tags ?? []);
    if ((await ctx.store.instanceProfiles.count()) >= ROLE_QUOTAS.instanceProfilesPerAccount) {
      throw quotaExceeded('InstanceProfilesPerAccount', ROLE_QUOTAS.instanceProfilesPerAccount);
    }
    const profile: InstanceProfileRecord = {
      instanceProfileId: ctx.ids.uniqueId('AIPA'),
      instanceProfileName: input.InstanceProfileName,
      path: input.Path ?? '/',
      createDate: ctx.clock.now(),
      tags,
    };
    if ((await ctx.store.instanceProfiles.insert(profile)) === 'conflict') {
      throw instanceProfileExists(input.InstanceProfileName);
    }
    return { InstanceProfile: await toWireInstanceProfile(ctx, profile, true) };
  },
};
