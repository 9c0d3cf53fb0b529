import type { ActionDefinition } from '../action.ts';
import {
  instanceProfileResource,
  requireInstanceProfile,
  toWireInstanceProfile,
  type WireInstanceProfile,
} from '../instance-profiles.ts';
import { targetInstanceProfileKeys } from '../role-condition-keys.ts';

export interface GetInstanceProfileInput {
  readonly InstanceProfileName: string;
}

export const GetInstanceProfile: ActionDefinition<
  GetInstanceProfileInput,
  { InstanceProfile: WireInstanceProfile }
> = {
  service: 'iam',
  name: 'GetInstanceProfile',
  resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName),
  conditionKeys: (input, ctx) => targetInstanceProfileKeys(ctx, input.InstanceProfileName),
  async run(input, ctx) {
    const profile = await requireInstanceProfile(ctx.store, input.InstanceProfileName);
    return { InstanceProfile: await toWireInstanceProfile(ctx, profile, true) };
  },
};
