import type { IncomingMessage, ServerResponse } from 'node:http';
import { WardenError } from '../../core/index.ts';
import type { ActionContext, Caller, ConditionKeys, Account, RequestFacts } from '../../iam/action.ts';
import { authorize, decideFor } from '../../iam/authz/index.ts';
import { readBody } from '../body.ts';
import { actionContext, toWardenError, type ActionDeps } from '../execute.ts';
import { sendJson, sendJsonError } from '../json-reply.ts';
import { authenticate, type Pipeline } from '../pipeline.ts';
import type { EventDraft } from '../../audit/index.ts';
import { recordEvent, startEvent } from '../events/request-event.ts';

/**
 * Warden's own operations (accounts, workloads, events): JSON under /admin/v1/, SigV4-signed
 * like any AWS call and authorized by IAM policies with `warden:*` permissions.
 */
export const ADMIN_PREFIX = '/admin/';

/** The credential scopes an admin request may be signed for (the AWS ones, or `warden`). */
const ADMIN_SERVICES = ['warden', 'iam', 'sts'];

/** One authenticated admin request, handed to its route's handler inside a store transaction. */
export interface AdminCall {
  readonly caller: Caller;
  readonly account: Account;
  /** The server's parts; `store` is the caller's account store. */
  readonly deps: ActionDeps;
  readonly request: RequestFacts;
  /** The parsed JSON body; undefined when there is none. */
  readonly body: unknown;
  readonly query: URLSearchParams;
  /** AccessDenied in AWS's words unless the caller's policies allow it; the root passes. */
  authorize(permission: string, resource: string, keys?: ConditionKeys): Promise<void>;
  /** The request as an action would see it, for domain code (authorizePassRole...). */
  readonly ctx: ActionContext;
}

export interface AdminReply {
  readonly status?: number;
  readonly body: unknown;
}

export type AdminHandler = (call: AdminCall) => Promise<AdminReply>;

/** `'POST /admin/v1/accounts'` -> its handler. */
export type AdminRoutes = Readonly<Record<string, AdminHandler>>;

export async function handleAdminRequest(
  req: IncomingMessage,
  res: ServerResponse,
  p: Pipeline,
  routes: AdminRoutes,
): Promise<void> {
  const requestId = p.ids.requestId();
  const route = `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0] ?? ''}`.slice(0, 128);
  const draft = startEvent(p, req, requestId, 'admin', { service: 'warden', action: route });
  try {
    const reply = await answer(req, p, routes, requestId, draft);
    sendJson(res, reply.status ?? 200, requestId, { ...(reply.body as object), RequestId: requestId });
    recordEvent(p, draft, req, reply.status ?? 200);
  } catch (error) {
    const wire = toWardenError(error, requestId, p.log);
    sendJsonError(res, wire, requestId);
    recordEvent(p, draft, req, wire.status, wire);
  }
}

async function answer(
  req: IncomingMessage,
  p: Pipeline,
  routes: AdminRoutes,
  requestId: string,
  draft: EventDraft,
): Promise<AdminReply> {
  const body = await readBody(req, p.maxBodyBytes);
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : url.slice(queryStart + 1);
  const method = req.method ?? 'GET';
  // Authentication first: an anonymous client learns nothing, not even which operations exist.
  const signed = { method, path, rawQuery, headers: req.headers, body };
  const who = await authenticate(p, signed, req, requestId, { services: ADMIN_SERVICES });
  draft.identify(who.caller);
  const handler = routes[`${method} ${path}`];
  if (handler === undefined)
    throw new WardenError('UnknownOperationException', `No admin operation ${method} ${path}`);
  const json = parseJson(body);
  const { deps } = who;
  return deps.store.transaction(async (tx) => {
    const ctx: ActionContext = { ...actionContext(deps, tx, who), onDecision: draft.note };
    return handler({
      caller: who.caller,
      account: who.account,
      deps,
      request: who.request,
      body: json,
      query: new URLSearchParams(rawQuery),
      ctx,
      authorize: (permission, resource, keys) =>
        authorize(who.caller, permission, resource, decideFor(ctx), keys),
    });
  });
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new WardenError('ValidationError', 'The request body is not valid JSON.');
  }
}
