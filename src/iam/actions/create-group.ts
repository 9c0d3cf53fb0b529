import type { GroupRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { groupArn } from '../arns.ts';
import { groupExists, quotaExceeded } from '../conflicts.ts';
import { QUOTAS } from '../quotas.ts';
import { toWireGroup, type WireGroup } from '../wire.ts';

export interface CreateGroupInput {
  readonly GroupName: string;
  readonly Path?: string;
}

export const CreateGroup: ActionDefinition<CreateGroupInput, { Group: WireGroup }> = {
  service: 'iam',
  name: 'CreateGroup',
  resource: (input, ctx) => groupArn(ctx.account, input.Path ?? '/', input.GroupName),
  async run(input, ctx) {
    if ((await ctx.store.groups.count()) >= QUOTAS.groupsPerAccount) {
      throw quotaExceeded('GroupsPerAccount', QUOTAS.groupsPerAccount);
    }
    const group: GroupRecord = {
      groupId: ctx.ids.uniqueId('AGPA'),
      groupName: input.GroupName,
      path: input.Path ?? '/',
      createDate: ctx.clock.now(),
    };
    if ((await ctx.store.groups.insert(group)) === 'conflict') throw groupExists(input.GroupName);
    return { Group: toWireGroup(ctx.account, group) };
  },
};
