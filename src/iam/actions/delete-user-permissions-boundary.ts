import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requireUser, userResource } from '../lookups.ts';
import { targetUserBoundaryKeys } from '../policy-condition-keys.ts';

export interface DeleteUserPermissionsBoundaryInput {
  readonly UserName: string;
}

/** Removes the boundary; a user without one answers NoSuchEntity (iam-api.md D.7, UNCONFIRMED wording). */
export const DeleteUserPermissionsBoundary: ActionDefinition<DeleteUserPermissionsBoundaryInput, void> = {
  service: 'iam',
  name: 'DeleteUserPermissionsBoundary',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  // iam:PermissionsBoundary is the boundary being removed.
  conditionKeys: (input, ctx) => targetUserBoundaryKeys(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    if (user.permissionsBoundaryArn === undefined) {
      throw new WardenError(
        'NoSuchEntity',
        `The user with name ${user.userName} has no permissions boundary.`,
      );
    }
    await ctx.store.users.update(user.userId, { permissionsBoundaryArn: null });
  },
};
