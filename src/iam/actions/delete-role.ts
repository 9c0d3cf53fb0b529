import type { RoleRecord, StoreTx } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { deleteConflict } from '../conflicts.ts';
import { targetRoleKeys } from '../role-condition-keys.ts';
import { requireModifiableRole, roleResource } from '../roles.ts';

export interface DeleteRoleInput {
  readonly RoleName: string;
}

/** AWS refuses while the role is in an instance profile or has policies; a boundary does not block. */
export async function checkRoleUnused(store: StoreTx, role: RoleRecord): Promise<void> {
  if ((await store.instanceProfiles.countForRole(role.roleId)) > 0)
    throw deleteConflict('remove roles from instance profile');
  const entity = { type: 'role', id: role.roleId } as const;
  if ((await store.attachments.countForEntity(entity)) > 0) throw deleteConflict('detach all policies');
  if ((await store.inlinePolicies.count(entity)) > 0) throw deleteConflict('delete policies');
}

/** Service-linked roles go through DeleteServiceLinkedRole (UnmodifiableEntity here). */
export const DeleteRole: ActionDefinition<DeleteRoleInput, void> = {
  service: 'iam',
  name: 'DeleteRole',
  resource: (input, ctx) => roleResource(ctx, input.RoleName),
  conditionKeys: (input, ctx) => targetRoleKeys(ctx, input.RoleName),
  async run(input, ctx) {
    const role = await requireModifiableRole(ctx.store, input.RoleName);
    await checkRoleUnused(ctx.store, role);
    await ctx.store.roles.delete(role.roleId);
  },
};
