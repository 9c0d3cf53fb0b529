import type { ActionDefinition } from '../action.ts';
import { attachPolicy } from '../attachments.ts';
import { policyArnKey } from '../authz/condition-keys.ts';
import { groupResource, requireGroup } from '../lookups.ts';

export interface AttachGroupPolicyInput {
  readonly GroupName: string;
  readonly PolicyArn: string;
}

export const AttachGroupPolicy: ActionDefinition<AttachGroupPolicyInput, void> = {
  service: 'iam',
  name: 'AttachGroupPolicy',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  conditionKeys: (input) => policyArnKey(input.PolicyArn),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    await attachPolicy(ctx.store, { type: 'group', id: group.groupId }, input.PolicyArn);
  },
};
