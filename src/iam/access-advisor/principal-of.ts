import type { Caller } from '../action.ts';

/** Whose use a call is for access advisor: the IAM user or role whose policies it ran under. */
export interface TrackedPrincipal {
  readonly kind: 'user' | 'role';
  /** The userId or roleId. */
  readonly id: string;
}

/**
 * An IAM user (also with GetSessionToken credentials) counts for itself; a role session for its
 * role; a federated user (GetFederationToken) for the IAM user whose keys made it, whose policies
 * bound it. The root is no IAM entity: access advisor reports on users, groups, roles and
 * policies only, so its calls are not tracked.
 */
export function trackedPrincipalOf(caller: Caller): TrackedPrincipal | undefined {
  switch (caller.kind) {
    case 'user':
      return { kind: 'user', id: caller.userId };
    case 'assumed-role':
      return { kind: 'role', id: caller.roleId };
    case 'federated-user':
      return caller.sourceUserId === undefined ? undefined : { kind: 'user', id: caller.sourceUserId };
    case 'root':
      return undefined;
  }
}
