/**
 * The request path's side of the access tracker (iam/access-advisor/tracker.ts): what an
 * authenticated request and an authorized call note, and the flush before the actions that report
 * usage. Nothing here waits for the database but that flush.
 */
import type { ActionDefinition, Caller, DecisionListener, RequestFacts } from '../iam/action.ts';
import { iamDataServiceCatalog } from '../iam/access-advisor/service-catalog.ts';
import { USAGE_READERS, type AccessTracker } from '../iam/access-advisor/tracker.ts';
import { permissionOf } from '../iam/authz/index.ts';
import type { KeyLookup } from './authenticate.ts';

interface Tracked {
  readonly tracker?: AccessTracker | undefined;
}

/**
 * Notes the credentials' use: the access key's (GetAccessKeyLastUsed, the credential report), or
 * for a role session the role's (RoleLastUsed). Every authenticated request counts, allowed or not.
 */
export function noteCredentialUse(
  p: Tracked,
  accountId: string,
  found: KeyLookup,
  use: { readonly time: Date; readonly service: string; readonly region: string },
): void {
  if (p.tracker === undefined) return;
  if (found.kind === 'key') {
    p.tracker.credentialUsed({
      accountId,
      credential: { kind: 'key', accessKeyId: found.key.accessKeyId },
      ...use,
    });
  } else if (found.role !== undefined) {
    p.tracker.credentialUsed({ accountId, credential: { kind: 'role', roleId: found.role.roleId }, ...use });
  }
}

/**
 * The request's decision listener: the event log's (when given), and the tracker's, which notes
 * every decision of the caller's policies for access advisor: the action's own permission and
 * those checked inside it (sts:AssumeRole against the trust policy, sts:TagSession, ...). Denied
 * attempts count too: AWS's last accessed data "includes all attempts to access an AWS API, not
 * just the successful ones". iam:PassRole is not tracked, as in AWS; the root's unchecked passes
 * are no decisions of policies.
 */
export function decisionListener(
  p: Tracked,
  who: {
    readonly caller: Caller;
    readonly account: { readonly id: string };
    readonly request: RequestFacts;
    readonly onDecision?: DecisionListener | undefined;
  },
): { onDecision?: DecisionListener } {
  const { tracker } = p;
  const events = who.onDecision;
  if (tracker === undefined) return events === undefined ? {} : { onDecision: events };
  return {
    onDecision: (note) => {
      events?.(note);
      if (note.decision === 'root' || note.permission === 'iam:PassRole') return;
      tracker.track({
        accountId: who.account.id,
        caller: who.caller,
        permission: note.permission,
        region: who.request.region,
        time: who.request.time,
      });
    },
  };
}

/**
 * Before an action that reports usage (USAGE_READERS), outside its transaction: writes what the
 * tracker still holds; and before a service last accessed report, reads the service catalog once
 * (the first time takes a second or two, which must not be spent holding the store's lock).
 */
export async function flushForReaders(
  p: Tracked,
  definition: Pick<ActionDefinition<never, unknown>, 'service' | 'name'>,
): Promise<void> {
  const permission = permissionOf(definition);
  if (p.tracker !== undefined && USAGE_READERS.has(permission)) await p.tracker.flush();
  // The package caches what it read: after the first time this costs some 20 ms.
  if (permission === 'iam:GenerateServiceLastAccessedDetails') await iamDataServiceCatalog.warm?.();
}
