import type { IncomingMessage } from 'node:http';
import { EventDraft, type EventKind, type EventLog } from '../../audit/index.ts';
import type { Clock } from '../../core/index.ts';
import { sourceIpOf } from '../source-ip.ts';

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
  error?: { readonly code: string; readonly message: string },
): void {
  if (!p.events.enabled) return;
  if (draft.accessKeyId === undefined) {
    const claimed = claimedKeyId(req);
    if (claimed !== undefined) draft.accessKeyId = claimed;
  }
  p.events.record(
    draft.finish(
      error === undefined ? { status } : { status, error: { code: error.code, message: error.message } },
    ),
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

/** The event kind and name of each console route (sign-in steps apart from the console's calls). */
const CONSOLE_EVENTS: Readonly<Record<string, { kind: EventKind; service: string; action: string }>> = {
  'POST sign-in': { kind: 'console-sign-in', service: 'signin', action: 'ConsoleLogin' },
  'POST mfa': { kind: 'console-sign-in', service: 'signin', action: 'ConsoleLoginMfa' },
  'POST change-password': { kind: 'console-sign-in', service: 'signin', action: 'ChangePassword' },
  'POST sign-out': { kind: 'console-sign-in', service: 'signin', action: 'ConsoleLogout' },
  'GET whoami': { kind: 'console', service: 'console', action: 'WhoAmI' },
};

export function consoleEventName(routeKey: string): { kind: EventKind; service: string; action: string } {
  // `POST call` names its action once the body is read.
  return CONSOLE_EVENTS[routeKey] ?? { kind: 'console', service: 'console', action: routeKey.slice(0, 128) };
}
