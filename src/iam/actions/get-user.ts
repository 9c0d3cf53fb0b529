import type { ActionContext, ActionDefinition } from '../action.ts';
import { rootArn } from '../arns.ts';
import { resolveSubject, subjectResource } from '../lookups.ts';
import { toFullUser, type WireUser } from '../wire.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface GetUserInput {
  readonly UserName?: string;
}

/** The root as GetUser shows it: not an IAM user, so no name or path; its id is the account id. */
export interface WireRootUser {
  readonly UserId: string;
  readonly Arn: string;
  readonly CreateDate: Date;
}

async function rootUser(ctx: ActionContext): Promise<WireRootUser> {
  const account = await ctx.store.account.get();
  return {
    UserId: ctx.account.id,
    Arn: rootArn(ctx.account),
    CreateDate: account?.createDate ?? ctx.clock.now(),
  };
}

export const GetUser: ActionDefinition<GetUserInput, { User: WireUser | WireRootUser }> = {
  service: 'iam',
  name: 'GetUser',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const subject = await resolveSubject(ctx, input.UserName);
    if (subject.kind === 'root') return { User: await rootUser(ctx) };
    return { User: toFullUser(ctx.account, subject.user) };
  },
};
