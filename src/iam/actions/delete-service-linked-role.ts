import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { allPages } from '../managed-policies.ts';
import { requireRole, roleResource } from '../roles.ts';
import { uuidFrom } from '../service-linked-roles.ts';

export interface DeleteServiceLinkedRoleInput {
  readonly RoleName: string;
}

/**
 * AWS deletes a service-linked role asynchronously, once the service confirms it no longer uses
 * it. No service uses roles in Warden, so the deletion happens at once (its policies with it) and
 * the task is recorded as SUCCEEDED for GetServiceLinkedRoleDeletionStatus.
 */
export const DeleteServiceLinkedRole: ActionDefinition<
  DeleteServiceLinkedRoleInput,
  { DeletionTaskId: string }
> = {
  service: 'iam',
  name: 'DeleteServiceLinkedRole',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireRole(ctx.store, input.RoleName);
    if (role.linkedService === undefined) {
      // UNCONFIRMED wording.
      throw new WardenError('InvalidInput', `Role ${role.roleName} is not a service-linked role.`);
    }
    const ref = { type: 'role', id: role.roleId } as const;
    const attached = await allPages((page) => ctx.store.attachments.listForEntity(ref, page));
    for (const a of attached) await ctx.store.attachments.detach(ref, a.policyArn);
    for (const p of await ctx.store.inlinePolicies.listAll(ref))
      await ctx.store.inlinePolicies.delete(ref, p.policyName);
    const profiles = await allPages((page) => ctx.store.instanceProfiles.listForRole(role.roleId, page));
    for (const p of profiles) await ctx.store.instanceProfiles.removeRole(p.instanceProfileId, role.roleId);
    await ctx.store.roles.delete(role.roleId);
    const taskId = `task/aws-service-role/${role.linkedService}/${role.roleName}/${uuidFrom(ctx.ids.bytes(16))}`;
    await ctx.store.roleDeletionTasks.put(taskId, 'SUCCEEDED', ctx.clock.now());
    return { DeletionTaskId: taskId };
  },
};
