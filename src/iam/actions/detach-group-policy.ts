import type { ActionDefinition } from '../action.ts';
import { detachPolicy } from '../attachments.ts';
import { policyArnKey } from '../authz/condition-keys.ts';
import { groupResource, requireGroup } from '../lookups.ts';

export interface DetachGroupPolicyInput {
  readonly GroupName: string;
  readonly PolicyArn: string;
}

export const DetachGroupPolicy: ActionDefinition<DetachGroupPolicyInput, void> = {
  service: 'iam',
  name: 'DetachGroupPolicy',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  conditionKeys: (input) => policyArnKey(input.PolicyArn),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    await detachPolicy(ctx.store, { type: 'group', id: group.groupId }, input.PolicyArn);
  },
};
