import type { Account, Caller, CallerSession } from './action.ts';
import { rootArn, userArn } from './arns.ts';
import type { UserRecord } from '../store/port.ts';

/**
 * The caller an IAM user or the root user is, whatever carried its credentials: a long-term key,
 * a GetSessionToken session or a console session (`session`). One place, so the ARN and id rules
 * cannot drift between SigV4, STS and the console.
 */
export function identityCaller(
  account: Account,
  user: UserRecord | undefined,
  accessKeyId: string,
  session?: CallerSession,
): Caller {
  const base = { accountId: account.id, accessKeyId, ...(session !== undefined && { session }) };
  if (user === undefined) return { ...base, kind: 'root', arn: rootArn(account) };
  return {
    ...base,
    kind: 'user',
    arn: userArn(account, user.path, user.userName),
    userId: user.userId,
    userName: user.userName,
  };
}
