import type { UserRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { userArn } from '../arns.ts';
import { checkBoundaryArn } from '../boundary.ts';
import { quotaExceeded, userExists } from '../conflicts.ts';
import { QUOTAS } from '../quotas.ts';
import { checkRequestTags, type WireTag } from '../tags.ts';
import { toFullUser, type WireUser } from '../wire.ts';
import { permissionsBoundaryKey, requestTagKeys } from '../authz/condition-keys.ts';

export interface CreateUserInput {
  readonly UserName: string;
  readonly Path?: string;
  readonly PermissionsBoundary?: string;
  readonly Tags?: readonly WireTag[];
}

export const CreateUser: ActionDefinition<CreateUserInput, { User: WireUser }> = {
  service: 'iam',
  name: 'CreateUser',
  resource: (input, ctx) => userArn(ctx.account, input.Path ?? '/', input.UserName),
  conditionKeys: (input) => ({
    ...requestTagKeys(input.Tags),
    ...permissionsBoundaryKey(input.PermissionsBoundary),
  }),
  async run(input, ctx) {
    const tags = checkRequestTags(input.Tags ?? []);
    const boundary =
      input.PermissionsBoundary === undefined
        ? undefined
        : await checkBoundaryArn(ctx.store, input.PermissionsBoundary);
    if ((await ctx.store.users.count()) >= QUOTAS.usersPerAccount) {
      throw quotaExceeded('UsersPerAccount', QUOTAS.usersPerAccount);
    }
    const user: UserRecord = {
      userId: ctx.ids.uniqueId('AIDA'),
      userName: input.UserName,
      path: input.Path ?? '/',
      createDate: ctx.clock.now(),
      tags,
      ...(boundary === undefined ? {} : { permissionsBoundaryArn: boundary }),
    };
    if ((await ctx.store.users.insert(user)) === 'conflict') throw userExists(input.UserName);
    return { User: toFullUser(ctx.account, user) };
  },
};
