import { ROOT_OWNER, type AccessKeyRecord } from '../../store/port.ts';
import type { ActionDefinition, ResourceContext } from '../action.ts';
import { noSuchKey } from '../access-keys.ts';
import { rootArn, userArn } from '../arns.ts';
import { keyOwnerKeys } from '../authz/condition-keys.ts';

export interface GetAccessKeyLastUsedInput {
  readonly AccessKeyId: string;
}

export interface WireAccessKeyLastUsed {
  readonly LastUsedDate?: Date;
  readonly ServiceName: string;
  readonly Region: string;
}

/** Authorized on the ARN of the key's owner (its user, or the root); `*` when there is no such key. */
async function ownerResource(input: GetAccessKeyLastUsedInput, ctx: ResourceContext): Promise<string> {
  const key = await ctx.store.accessKeys.get(input.AccessKeyId);
  if (key === undefined) return '*';
  if (key.owner === ROOT_OWNER) return rootArn(ctx.account);
  const user = await ctx.store.users.getById(key.owner);
  return user === undefined ? '*' : userArn(ctx.account, user.path, user.userName);
}

/** Never used: ServiceName and Region are `N/A` (both required) and LastUsedDate is left out. */
function lastUsed(key: AccessKeyRecord): WireAccessKeyLastUsed {
  return {
    ...(key.lastUsedDate === undefined ? {} : { LastUsedDate: key.lastUsedDate }),
    ServiceName: key.lastUsedService ?? 'N/A',
    Region: key.lastUsedRegion ?? 'N/A',
  };
}

/** Works for any key in the account, the caller's own or another user's. */
export const GetAccessKeyLastUsed: ActionDefinition<
  GetAccessKeyLastUsedInput,
  { UserName?: string; AccessKeyLastUsed: WireAccessKeyLastUsed }
> = {
  service: 'iam',
  name: 'GetAccessKeyLastUsed',
  resource: ownerResource,
  conditionKeys: (input, ctx) => keyOwnerKeys(ctx, input.AccessKeyId),
  async run(input, ctx) {
    const key = await ctx.store.accessKeys.get(input.AccessKeyId);
    if (key === undefined) throw noSuchKey(input.AccessKeyId);
    const user = key.owner === ROOT_OWNER ? undefined : await ctx.store.users.getById(key.owner);
    return { ...(user === undefined ? {} : { UserName: user.userName }), AccessKeyLastUsed: lastUsed(key) };
  },
};
