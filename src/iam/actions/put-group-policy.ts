import type { ActionDefinition } from '../action.ts';
import { putInlinePolicy } from '../inline-policies.ts';
import { groupResource, requireGroup } from '../lookups.ts';

export interface PutGroupPolicyInput {
  readonly GroupName: string;
  readonly PolicyName: string;
  readonly PolicyDocument: string;
}

/** Creates or replaces; the group's inline policies together may hold 5120 characters (white space aside). */
export const PutGroupPolicy: ActionDefinition<PutGroupPolicyInput, void> = {
  service: 'iam',
  name: 'PutGroupPolicy',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const target = { ref: { type: 'group', id: group.groupId }, name: group.groupName } as const;
    await putInlinePolicy(ctx.store, target, input.PolicyName, input.PolicyDocument);
  },
};
