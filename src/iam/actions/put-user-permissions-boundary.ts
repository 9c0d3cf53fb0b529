import type { ActionDefinition } from '../action.ts';
import { permissionsBoundaryKey, targetUserKeys } from '../authz/condition-keys.ts';
import { checkBoundaryArn } from '../boundary.ts';
import { requireUser, userResource } from '../lookups.ts';

export interface PutUserPermissionsBoundaryInput {
  readonly UserName: string;
  readonly PermissionsBoundary: string;
}

/** Sets or replaces the boundary: a customer or AWS managed policy that exists. */
export const PutUserPermissionsBoundary: ActionDefinition<PutUserPermissionsBoundaryInput, void> = {
  service: 'iam',
  name: 'PutUserPermissionsBoundary',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  // iam:PermissionsBoundary is the boundary being set (what a delegated admin's policy restricts).
  conditionKeys: async (input, ctx) => ({
    ...(await targetUserKeys(ctx, input.UserName)),
    ...permissionsBoundaryKey(input.PermissionsBoundary),
  }),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const boundary = await checkBoundaryArn(ctx.store, input.PermissionsBoundary);
    await ctx.store.users.update(user.userId, { permissionsBoundaryArn: boundary });
  },
};
