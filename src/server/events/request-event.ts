import type { IncomingMessage } from 'node:http';
import { EventDraft, type EventKind, type EventLog } from '../../audit/index.ts';
import type { Clock, WardenError } from '../../core/index.ts';
import { sourceIpOf } from '../execute.ts';

/** The draft of one HTTP request's event, with what the request itself tells. */
export function startEvent(
  p: { readonly clock: Clock },
  req: IncomingMessage,
  requestId: string,
  kind: EventKind,
  name: { readonly service: string; readonly action: string },
): EventDraft {
  return new EventDraft(p.clock, {
    requestId,
    kind,
    sourceIp: sourceIpOf(req),
    userAgent: headerText(req.headers['user-agent']),
    service: name.service,
    action: name.action,
  });
}

/**
 * Records the finished event. A request refused before its caller was known still names the
 * access key it claimed (from the SigV4 credential scope: the key id only, never the signature).
 */
export function recordEvent(
  p: { readonly events: EventLog },
  draft: EventDraft,
  req: IncomingMessage,
  status: number,
  error?: Pick<WardenError, 'code' | 'message'>,
): void {
  if (!p.events.enabled) return;
  if (draft.accessKeyId === undefined) {
    const claimed = claimedKeyId(req);
    if (claimed !== undefined) draft.accessKeyId = claimed;
  }
  p.events.record(
    draft.finish(error === undefined ? { status } : { status, error: { code: error.code, message: error.message } }),
  );
}

const HEADER_CREDENTIAL = /Credential=([^/,\s]{1,128})\//;
const QUERY_CREDENTIAL = /[?&]X-Amz-Credential=([^&%/]{1,128})(?:%2F|\/)/i;

/** The access key id a SigV4 request claims, from its Authorization header or presigned query. */
export function claimedKeyId(req: IncomingMessage): string | undefined {
  const header = headerText(req.headers.authorization);
  return HEADER_CREDENTIAL.exec(header)?.[1] ?? QUERY_CREDENTIAL.exec(req.url ?? '')?.[1];
}

function headerText(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : value) ?? '';
}
