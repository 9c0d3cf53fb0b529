import type { UserPatch } from '../../store/port.ts';
import type { ActionDefinition, ResourceContext } from '../action.ts';
import { userArn } from '../arns.ts';
import { userExists } from '../conflicts.ts';
import { noSuchUser, renameResources, requireUser } from '../lookups.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface UpdateUserInput {
  readonly UserName: string;
  readonly NewPath?: string;
  readonly NewUserName?: string;
}

/** Permission is needed on the user as it is and as it will be (AWS: "on both Bob and Robert"). */
async function resources(input: UpdateUserInput, ctx: ResourceContext): Promise<string[]> {
  const user = await ctx.store.users.getByName(input.UserName);
  const path = user?.path ?? '/';
  const name = user?.userName ?? input.UserName;
  return renameResources(
    userArn(ctx.account, path, name),
    userArn(ctx.account, input.NewPath ?? path, input.NewUserName ?? name),
  );
}

/** Renames and/or moves a user. The unique id stays, so everything that refers to the user follows. */
export const UpdateUser: ActionDefinition<UpdateUserInput, void> = {
  service: 'iam',
  name: 'UpdateUser',
  resource: resources,
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
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
