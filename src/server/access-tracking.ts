/**
 * The request path's side of the access tracker (iam/access-advisor/tracker.ts): what an
 * authenticated request and an authorized call note, and the flush before the actions that report
 * usage. Nothing here waits for the database but that flush.
 */
import type { ActionDefinition, Caller, RequestFacts } from '../iam/action.ts';
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

/** Notes an authorized call for access advisor (an action that needs no permission is not one). */
export function trackAuthorized(
  p: Tracked,
  definition: Pick<ActionDefinition<never, unknown>, 'service' | 'name' | 'resource'>,
  who: { readonly caller: Caller; readonly account: { readonly id: string }; readonly request: RequestFacts },
): void {
  if (p.tracker === undefined || definition.resource === null) return;
  p.tracker.track({
    accountId: who.account.id,
    caller: who.caller,
    permission: permissionOf(definition),
    region: who.request.region,
    time: who.request.time,
  });
}

/** Before an action that reports usage (USAGE_READERS): writes what the tracker still holds. */
export async function flushForReaders(
  p: Tracked,
  definition: Pick<ActionDefinition<never, unknown>, 'service' | 'name'>,
): Promise<void> {
  if (p.tracker !== undefined && USAGE_READERS.has(permissionOf(definition))) await p.tracker.flush();
}
