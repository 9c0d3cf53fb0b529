import { identityCaller } from '../identity-caller.ts';
import { ROOT_OWNER, type ConsoleSessionRecord, type StoreTx, type UserRecord } from '../../store/port.ts';
import type { Account, Caller, CallerSession } from '../action.ts';
import { sessionKeyId } from './tokens.ts';

/** Who a console session speaks for: the root, or an IAM user (read afresh on each use). */
export type ConsolePrincipal =
  { readonly kind: 'root' } | { readonly kind: 'user'; readonly user: UserRecord };

export async function loadPrincipal(tx: StoreTx, principal: string): Promise<ConsolePrincipal | undefined> {
  if (principal === ROOT_OWNER) return { kind: 'root' };
  const user = await tx.users.getById(principal);
  return user === undefined ? undefined : { kind: 'user', user };
}

/**
 * The Caller a console session is: temporary credentials of the signed-in root or user (as the AWS
 * console's are), so aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge come from how it signed
 * in, and its calls go through the same authorization as any other.
 */
export function consoleCaller(
  principal: ConsolePrincipal,
  session: Pick<ConsoleSessionRecord, 'tokenHash' | 'createdAt' | 'expiresAt' | 'mfaAt'>,
  account: Account,
): Caller {
  const callerSession: CallerSession = {
    kind: 'session-token',
    issueTime: session.createdAt,
    expiration: session.expiresAt,
    mfaAuthenticated: session.mfaAt !== undefined,
    ...(session.mfaAt !== undefined && { mfaAuthTime: session.mfaAt }),
    tags: [],
    transitiveTagKeys: [],
    policyArns: [],
  };
  const accessKeyId = sessionKeyId(session.tokenHash);
  return identityCaller(
    account,
    principal.kind === 'root' ? undefined : principal.user,
    accessKeyId,
    callerSession,
  );
}
