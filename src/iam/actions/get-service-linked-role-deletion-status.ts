import { WardenError } from '../../core/index.ts';
import type { DeletionTaskStatus } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { linkedRoleArn, parseDeletionTaskId } from '../service-linked-roles.ts';

export interface GetServiceLinkedRoleDeletionStatusInput {
  readonly DeletionTaskId: string;
}

/** Authorized on the role the task deleted (its ARN is in the task id). */
export const GetServiceLinkedRoleDeletionStatus: ActionDefinition<
  GetServiceLinkedRoleDeletionStatusInput,
  { Status: DeletionTaskStatus }
> = {
  service: 'iam',
  name: 'GetServiceLinkedRoleDeletionStatus',
  resource: (input, ctx) => {
    const task = parseDeletionTaskId(input.DeletionTaskId);
    return task === undefined ? '*' : linkedRoleArn(ctx.account, task.service, task.roleName);
  },
  async run(input, ctx) {
    // UNCONFIRMED wording for both errors.
    if (parseDeletionTaskId(input.DeletionTaskId) === undefined) {
      throw new WardenError('InvalidInput', `Invalid deletion task id: ${input.DeletionTaskId}`);
    }
    const status = await ctx.store.roleDeletionTasks.get(input.DeletionTaskId);
    if (status === undefined) {
      throw new WardenError('NoSuchEntity', `Deletion task ${input.DeletionTaskId} cannot be found.`);
    }
    return { Status: status };
  },
};
