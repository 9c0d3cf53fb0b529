import type { ActionDefinition } from '../../iam/action.ts';

export type GetCallerIdentityInput = Record<string, never>;

export interface GetCallerIdentityOutput {
  readonly UserId: string;
  readonly Account: string;
  readonly Arn: string;
}

/**
 * Who the caller is. Needs no permission (a null resource): AWS answers it even when every
 * policy denies. Root: its id is the account id; an IAM user: its AIDA id (sts-api.md B.2).
 */
export const GetCallerIdentity: ActionDefinition<GetCallerIdentityInput, GetCallerIdentityOutput> = {
  service: 'sts',
  name: 'GetCallerIdentity',
  resource: null,
  run(_input, ctx) {
    const { caller } = ctx;
    return Promise.resolve({
      UserId: caller.kind === 'root' ? caller.accountId : caller.userId,
      Account: caller.accountId,
      Arn: caller.arn,
    });
  },
};
