import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventDraft, EventLog } from '../../audit/index.ts';
import type { Clock, Ids } from '../../core/index.ts';
import type { Account } from '../../iam/action.ts';
import { recordEvent, startEvent } from '../events/request-event.ts';

export interface FetchEventDeps {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly events: EventLog;
}

/** How a workload asked for its credentials: its IMDS listener, or the container endpoint. */
export type FetchVia = 'imds' | 'container';

const ACTIONS: Readonly<Record<FetchVia, string>> = {
  imds: 'GetInstanceMetadataCredentials',
  container: 'GetContainerCredentials',
};

/**
 * One event per credential fetch (issue 7: every workload credential request is recorded), written
 * when the response is finished: the workload as the caller (its instance ARN, as the identity
 * document names it), the role's ARN as the resource (the caller adds it once known), the HTTP
 * status. Never the credentials.
 */
export function recordCredentialFetch(
  deps: FetchEventDeps,
  req: IncomingMessage,
  res: ServerResponse,
  fetch: {
    readonly via: FetchVia;
    readonly workloadId: string;
    readonly account?: Account | undefined;
    readonly region: string;
  },
): EventDraft | undefined {
  if (!deps.events.enabled) return undefined;
  const draft = startEvent(deps, req, deps.ids.requestId(), 'workload', {
    service: 'warden',
    action: ACTIONS[fetch.via],
  });
  if (fetch.account !== undefined) {
    draft.identify({
      arn: `arn:${fetch.account.partition}:ec2:${fetch.region}:${fetch.account.id}:instance/${fetch.workloadId}`,
      accountId: fetch.account.id,
    });
  }
  res.once('finish', () => {
    const failed = res.statusCode >= 400;
    recordEvent(
      deps,
      draft,
      req,
      res.statusCode,
      failed ? { code: String(res.statusCode), message: res.statusMessage } : undefined,
    );
  });
  return draft;
}
