import type { ActionDefinition } from '../action.ts';
import { listInlinePolicies } from '../inline-policies.ts';
import { groupResource, requireGroup } from '../lookups.ts';
import type { PageInput, PageOutput } from '../pagination.ts';

export interface ListGroupPoliciesInput extends PageInput {
  readonly GroupName: string;
}

export const ListGroupPolicies: ActionDefinition<
  ListGroupPoliciesInput,
  { PolicyNames: string[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListGroupPolicies',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    const target = { ref: { type: 'group', id: group.groupId }, name: group.groupName } as const;
    return listInlinePolicies(ctx.store, target, input, 'ListGroupPolicies');
  },
};
