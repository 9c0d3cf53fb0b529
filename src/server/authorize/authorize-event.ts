/**
 * The event of one /v1/authorize call (kind `authorize`): the forwarded principal, its address and
 * user agent as the asking service saw them, the requested service and action, and two checks:
 * the asking service's warden:AuthorizeRequest, then the decision for the forwarded request.
 */
import type { IncomingMessage } from 'node:http';
import { EventDraft } from '../../audit/index.ts';
import type { Clock } from '../../core/index.ts';
import type { Decision } from '../../policy/index.ts';
import { sourceIpOf } from '../source-ip.ts';
import type { AuthorizeInput } from './authorize-input.ts';

/**
 * Starts the event. Until the asking service is authenticated and its body read (`input`
 * undefined), the address is the connection's; then the forwarded client's as the service saw it,
 * and the requested service and action (`s3`, `PutObject`).
 */
export function startAuthorizeEvent(
  clock: Clock,
  req: IncomingMessage,
  requestId: string,
  input: AuthorizeInput | undefined,
): EventDraft {
  const agent = input?.request.headers['user-agent'];
  const colon = input?.action.indexOf(':') ?? -1;
  return new EventDraft(clock, {
    requestId,
    kind: 'authorize',
    sourceIp: input?.request.sourceIp ?? sourceIpOf(req),
    userAgent:
      input === undefined ? (req.headers['user-agent'] ?? '') : typeof agent === 'string' ? agent : '',
    service: input === undefined ? 'warden' : input.action.slice(0, colon),
    action: input === undefined ? 'AuthorizeRequest' : input.action.slice(colon + 1),
  });
}

/** The access key a request claimed (never its signature), for a failed authentication. */
export function claimedKey(
  draft: EventDraft,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  query: string,
): void {
  const auth = headers.authorization;
  const id =
    (typeof auth === 'string' ? /Credential=([^/,\s]{1,128})\//.exec(auth)?.[1] : undefined) ??
    new URLSearchParams(query).get('X-Amz-Credential')?.split('/')[0];
  if (id !== undefined && id !== '') draft.accessKeyId = id;
}

/** A decision that no policy made: the forwarded request was not authenticated. */
export const UNAUTHENTICATED: Decision = Object.freeze({
  effect: 'ImplicitDeny',
  decidedBy: 'none',
  matched: [],
  missingContextKeys: [],
});
