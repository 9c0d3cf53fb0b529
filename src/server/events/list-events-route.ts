import {
  eventToJson,
  FilterError,
  InvalidMarkerError,
  parseFilter,
  type EventFilter,
} from '../../audit/index.ts';
import { WardenError } from '../../core/index.ts';
import type { AdminCall, AdminReply } from '../admin/routes.ts';

/** The ARN `warden:ListEvents` is checked on: the account's event log. */
export const eventsArn = (partition: string, accountId: string): string =>
  `arn:${partition}:warden::${accountId}:events`;

/**
 * `GET /admin/v1/events?since=1h&principal=ARN&action=iam:CreateUser&decision=Deny&error=CODE
 * &request-id=ID&kind=api&max-items=100&marker=...`: the caller's account's events, oldest first,
 * `{ Events, IsTruncated, Marker? }`. Needs `warden:ListEvents` (the root passes).
 */
export async function listEventsRoute(call: AdminCall): Promise<AdminReply> {
  const { account, deps, query } = call;
  await call.authorize('warden:ListEvents', eventsArn(account.partition, account.id));
  const filter: EventFilter = { ...parsed(call), accountId: account.id };
  const limit = maxItems(query.get('max-items'));
  const marker = query.get('marker') ?? undefined;
  // What this server has queued is visible at once (a denied call looked up right after).
  await deps.events.flush();
  try {
    const page = await deps.events.query(filter, { limit, ...(marker !== undefined && { marker }) });
    return {
      body: {
        Events: page.events.map(eventToJson),
        IsTruncated: page.marker !== undefined,
        ...(page.marker !== undefined && { Marker: page.marker }),
      },
    };
  } catch (error) {
    if (error instanceof InvalidMarkerError) throw new WardenError('ValidationError', error.message);
    throw error;
  }
}

function parsed(call: AdminCall): EventFilter {
  try {
    // `account` is not the caller's to choose: only its own account's events are visible.
    return parseFilter(
      (name) => (name === 'account' ? undefined : (call.query.get(name) ?? undefined)),
      call.request.time,
    );
  } catch (error) {
    if (error instanceof FilterError) throw new WardenError('ValidationError', error.message);
    throw error;
  }
}

function maxItems(text: string | null): number {
  if (text === null) return 100;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new WardenError('ValidationError', 'max-items must be an integer from 1 to 1000');
  }
  return n;
}
