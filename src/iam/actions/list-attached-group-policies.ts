import type { ActionDefinition } from '../action.ts';
import { listAttached, type WireAttachedPolicy } from '../attachments.ts';
import { groupResource, requireGroup } from '../lookups.ts';
import type { PageInput, PageOutput } from '../pagination.ts';

export interface ListAttachedGroupPoliciesInput extends PageInput {
  readonly GroupName: string;
  readonly PathPrefix?: string;
}

export const ListAttachedGroupPolicies: ActionDefinition<
  ListAttachedGroupPoliciesInput,
  { AttachedPolicies: WireAttachedPolicy[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListAttachedGroupPolicies',
  resource: (input, ctx) => groupResource(ctx, input.GroupName),
  async run(input, ctx) {
    const group = await requireGroup(ctx.store, input.GroupName);
    return listAttached(ctx.store, { type: 'group', id: group.groupId }, input, 'ListAttachedGroupPolicies');
  },
};
