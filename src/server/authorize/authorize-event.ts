/**
 * The event of one /v1/authorize call (kind `authorize`): the forwarded principal, its address and
 * user agent as the asking service saw them, the requested service and action, and two checks:
 * the asking service's warden:AuthorizeRequest, then the decision for the forwarded request.
 */
import type { IncomingMessage } from 'node:http';
import { EventDraft } from '../../audit/index.ts';
import type { Decision } from '../../policy/index.ts';
import { sourceIpOf } from '../execute.ts';
import type { Pipeline } from '../pipeline.ts';
import type { AuthorizeInput } from './authorize-input.ts';

/** The client's address and user agent from the body, read leniently (validation comes later). */
function clientOf(body: unknown): { sourceIp?: string; userAgent?: string } {
  const request = (
    body as { Request?: { SourceIp?: unknown; Headers?: Record<string, unknown> } } | undefined
  )?.Request;
  const ip = request?.SourceIp;
  const agent = request?.Headers?.['user-agent'];
  return {
    ...(typeof ip === 'string' ? { sourceIp: ip } : {}),
    ...(typeof agent === 'string' ? { userAgent: agent } : {}),
  };
}

export function startAuthorizeEvent(
  p: Pick<Pipeline, 'clock'>,
  req: IncomingMessage,
  requestId: string,
  body: unknown,
): EventDraft {
  const client = clientOf(body);
  return new EventDraft(p.clock, {
    requestId,
    kind: 'authorize',
    sourceIp: client.sourceIp ?? sourceIpOf(req),
    userAgent: client.userAgent ?? '',
    service: 'warden',
    action: 'AuthorizeRequest',
  });
}

/** Names the requested action once the body is known: `s3` and `PutObject`. */
export function nameEvent(draft: EventDraft, input: AuthorizeInput): void {
  const colon = input.action.indexOf(':');
  draft.service = input.action.slice(0, colon);
  draft.action = input.action.slice(colon + 1);
}

/** The access key a forwarded request claimed (never its signature), for a failed authentication. */
export function claimedKey(
  draft: EventDraft,
  headers: Readonly<Record<string, string | string[]>>,
  query: string,
) {
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
