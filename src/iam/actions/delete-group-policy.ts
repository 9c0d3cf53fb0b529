import type { ActionDefinition } from '../action.ts';
import { deleteInlinePolicy } from '../inline-policies.ts';
import { groupResource, requireGroup } from '../lookups.ts';

export interface DeleteGroupPolicyInput {
  readonly GroupName: string;
  readonly PolicyName: string;
}

export const DeleteGroupPolicy: ActionDefinition<DeleteGroupPolicyInput, void> = {
  service: 'iam',
  name: 'DeleteGroupPolicy',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const target = { ref: { type: 'group', id: group.groupId }, name: group.groupName } as const;
    await deleteInlinePolicy(ctx.store, target, input.PolicyName);
  },
};
