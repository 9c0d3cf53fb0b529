import type { UserPatch } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { userExists } from '../conflicts.ts';
import { noSuchUser, requireUser, userResource } from '../lookups.ts';

export interface UpdateUserInput {
  readonly UserName: string;
  readonly NewPath?: string;
  readonly NewUserName?: string;
}

/** Renames and/or moves a user. The unique id stays, so everything that refers to the user follows. */
export const UpdateUser: ActionDefinition<UpdateUserInput, void> = {
  service: 'iam',
  name: 'UpdateUser',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    const patch: UserPatch = {
      ...(input.NewUserName === undefined ? {} : { userName: input.NewUserName }),
      ...(input.NewPath === undefined ? {} : { path: input.NewPath }),
    };
    if (Object.keys(patch).length === 0) return;
    const result = await ctx.store.users.update(user.userId, patch);
    if (result === 'conflict') throw userExists(input.NewUserName ?? input.UserName);
    if (result === 'missing') throw noSuchUser(input.UserName);
  },
};
