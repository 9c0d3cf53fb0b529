import { identityCaller } from '../iam/identity-caller.ts';
import { WardenError } from '../core/index.ts';
import type { Account, Caller, CallerSession } from '../iam/action.ts';
import { roleArn, rootArn, userArn } from '../iam/arns.ts';
import {
  ROOT_OWNER,
  type RoleRecord,
  type SessionRecord,
  type StoreTx,
  type UserRecord,
} from '../store/port.ts';
import { sessionTokenMatches } from './session-credentials.ts';

/**
 * Temporary credentials on the way in (wire-protocol.md §8.2): an ASIA key is a session; its
 * owner (the role or the user) is read live, so deleting it ends the session on its next call.
 */

/** A session with the live entity behind it. */
export interface SessionOwner {
  readonly session: SessionRecord;
  /** The role of an assumed-role session. */
  readonly role?: RoleRecord;
  /** The IAM user of a GetSessionToken or GetFederationToken session (absent: the root's). */
  readonly user?: UserRecord;
}

export const isSessionKeyId = (accessKeyId: string): boolean => accessKeyId.startsWith('ASIA');

/** The session and its owner; undefined when either is gone (InvalidClientTokenId to the client). */
export async function findSession(tx: StoreTx, accessKeyId: string): Promise<SessionOwner | undefined> {
  const session = await tx.sessions.get(accessKeyId);
  if (session === undefined) return undefined;
  if (session.kind === 'assumed-role') {
    const role = await tx.roles.getById(session.principalId);
    return role === undefined ? undefined : { session, role };
  }
  if (session.principalId === ROOT_OWNER) return { session };
  const user = await tx.users.getById(session.principalId);
  return user === undefined ? undefined : { session, user };
}

export const invalidToken = (): WardenError =>
  new WardenError('InvalidClientTokenId', 'The security token included in the request is invalid.');

export const expiredToken = (): WardenError =>
  new WardenError('ExpiredToken', 'The security token included in the request is expired');

/**
 * After the signature checked out with the session's secret: the X-Amz-Security-Token must be the
 * session's (missing or another one: invalid), and the session must not have expired.
 */
export function checkSessionToken(owner: SessionOwner, token: string | undefined, now: Date): void {
  if (!sessionTokenMatches(token, owner.session.tokenHash)) throw invalidToken();
  if (now.getTime() >= owner.session.expiration.getTime()) throw expiredToken();
}

function callerSession(s: SessionRecord): CallerSession {
  return {
    kind: s.kind,
    issueTime: s.issueTime,
    expiration: s.expiration,
    mfaAuthenticated: s.mfaAuthenticated,
    ...(s.mfaAuthTime === undefined ? {} : { mfaAuthTime: s.mfaAuthTime }),
    ...(s.sourceIdentity === undefined ? {} : { sourceIdentity: s.sourceIdentity }),
    tags: s.tags,
    transitiveTagKeys: s.transitiveTagKeys,
    ...(s.policy === undefined ? {} : { policy: s.policy }),
    policyArns: s.policyArns,
  };
}

export const assumedRoleArn = (account: Account, roleName: string, sessionName: string): string =>
  `arn:${account.partition}:sts::${account.id}:assumed-role/${roleName}/${sessionName}`;

export const federatedUserArn = (account: Account, name: string): string =>
  `arn:${account.partition}:sts::${account.id}:federated-user/${name}`;

/** The principal a session speaks for (sts-api.md B.2). */
export function sessionCaller(owner: SessionOwner, account: Account): Caller {
  const { session, role, user } = owner;
  const base = { accountId: account.id, accessKeyId: session.accessKeyId, session: callerSession(session) };
  const name = session.sessionName ?? '';
  if (session.kind === 'assumed-role' && role !== undefined) {
    return {
      ...base,
      kind: 'assumed-role',
      arn: assumedRoleArn(account, role.roleName, name),
      userId: `${role.roleId}:${name}`,
      roleId: role.roleId,
      roleName: role.roleName,
      roleArn: roleArn(account, role.path, role.roleName),
      sessionName: name,
    };
  }
  const ownerArn = user === undefined ? rootArn(account) : userArn(account, user.path, user.userName);
  if (session.kind === 'federated-user') {
    return {
      ...base,
      kind: 'federated-user',
      arn: federatedUserArn(account, name),
      userId: `${account.id}:${name}`,
      federatedName: name,
      ...(user === undefined ? {} : { sourceUserId: user.userId }),
      sourceUserArn: ownerArn,
    };
  }
  return identityCaller(account, user, base.accessKeyId, base.session);
}
