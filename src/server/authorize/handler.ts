/**
 * `POST /v1/authorize`: a service that received a SigV4-signed request asks Warden whether its
 * caller may perform an action on a resource. The service authenticates with its own SigV4
 * signature and needs `warden:AuthorizeRequest` on the resource it asks about (condition key
 * `warden:AuthorizedAction`: the action); the root passes. Its own failures are JSON errors with
 * their HTTP status; the forwarded request's are a 200 Deny carrying AWS's error code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventDraft } from '../../audit/index.ts';
import { WardenError, type Clock } from '../../core/index.ts';
import { authorize, decideFor, encodeDenial, type Decide } from '../../iam/authz/index.ts';
import { readBody } from '../body.ts';
import { actionContext, toWardenError } from '../execute.ts';
import { sendJson, sendJsonError } from '../json-reply.ts';
import { authenticate, type Authenticated, type Pipeline } from '../pipeline.ts';
import { authFailureAnswer, decisionAnswer, type WireAnswer } from './answer.ts';
import { claimedKey, startAuthorizeEvent, UNAUTHENTICATED } from './authorize-event.ts';
import { parseAuthorizeInput, type AuthorizeInput } from './authorize-input.ts';
import { compileResourcePolicy, decideForwarded } from './decide.ts';
import { authenticateForwarded } from './forwarded-auth.ts';

export const AUTHORIZE_PATH = '/v1/authorize';
export const AUTHORIZE_PERMISSION = 'warden:AuthorizeRequest';
export const AUTHORIZED_ACTION_KEY = 'warden:AuthorizedAction';

/** The credential scopes the asking service may sign for (like the admin API). */
const ASKER_SCOPES = ['warden', 'iam', 'sts'];

export async function handleAuthorizeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  p: Pipeline,
): Promise<void> {
  const requestId = p.ids.requestId();
  const call: Call = { p, req, requestId };
  try {
    const answer = await answerCall(call);
    sendJson(res, 200, requestId, { ...answer, RequestId: requestId });
    const error = answer.Error && { code: answer.Error.Code, message: answer.Error.Message };
    finishEvent(call, 200, error);
  } catch (error) {
    const wire = toWardenError(error, requestId, p.log);
    sendJsonError(res, wire, requestId);
    finishEvent(call, wire.status, wire);
  }
}

interface Call {
  readonly p: Pipeline;
  readonly req: IncomingMessage;
  readonly requestId: string;
  draft?: EventDraft;
}

function finishEvent(call: Call, status: number, error?: { code: string; message: string }): void {
  const { p } = call;
  if (!p.events.enabled) return;
  const draft = call.draft ?? startAuthorizeEvent(p.clock, call.req, call.requestId, undefined);
  if (status !== 200 && draft.principalArn === undefined && draft.accessKeyId === undefined) {
    // The asking service was not authenticated: the key it claimed.
    const url = call.req.url ?? '';
    claimedKey(draft, call.req.headers, url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  }
  p.events.record(draft.finish(error === undefined ? { status } : { status, error }));
}

async function answerCall(call: Call): Promise<WireAnswer> {
  const { p, req, requestId } = call;
  const started = p.clock.now();
  call.draft = startAuthorizeEvent(p.clock, req, requestId, undefined);
  const body = await readBody(req, p.maxBodyBytes);
  // Authenticated before the body is judged, as AWS does.
  const asker = await authenticate(p, signedOf(req, body), req, requestId, { services: ASKER_SCOPES });
  call.draft.identify(asker.caller);
  const json = parseJson(body);
  if (json === NOT_JSON) throw new WardenError('ValidationError', 'The request body is not valid JSON.');
  const input = parseAuthorizeInput(json);
  // Only now is the client's address (from an authenticated service) worth recording.
  const draft = startAuthorizeEvent(since(p.clock, started), req, requestId, input);
  call.draft = draft;
  draft.identify(asker.caller);
  const resourcePolicy =
    input.resourcePolicy === undefined
      ? undefined
      : compileResourcePolicy(asker.deps.authorizer, input.resourcePolicy);
  await checkAsker(asker, input, draft);

  const forwarded = await authenticateForwarded(p, input, req, requestId);
  if (!forwarded.ok) {
    // The event is the forwarded request's: not the asking service's identity.
    draft.principalArn = undefined;
    draft.accessKeyId = undefined;
    claimedKey(draft, input.request.headers, input.request.rawQuery);
    draft.note({ permission: input.action, resource: input.resource, decision: UNAUTHENTICATED });
    return authFailureAnswer(forwarded.failure);
  }
  const { who } = forwarded;
  draft.identify(who.caller);
  // The principal's own account decides with its policies (its store, its authorizer).
  const verdict = await who.deps.store.transaction((tx) =>
    decideForwarded(tx, who.deps.authorizer, who, input, {
      ...(resourcePolicy === undefined ? {} : { policy: resourcePolicy }),
      ownerAccount: asker.account.id,
    }),
  );
  const { decision } = verdict;
  draft.note({ permission: input.action, resource: input.resource, decision });
  if (decision.effect === 'Allow') {
    p.tracker?.track({
      accountId: who.account.id,
      caller: who.caller,
      permission: input.action,
      region: who.request.region,
      time: who.request.time,
    });
    return decisionAnswer(who.caller, input, decision, verdict.principal, undefined);
  }
  const denial = {
    caller: who.caller,
    permission: input.action,
    resource: input.resource,
    keys: input.context,
    decision,
  };
  const encoded = encodeDenial(p.secrets, denial, who.request);
  return decisionAnswer(who.caller, input, decision, verdict.principal, encoded);
}

function signedOf(req: IncomingMessage, body: Buffer) {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  return {
    method: req.method ?? 'POST',
    path: queryStart < 0 ? url : url.slice(0, queryStart),
    rawQuery: queryStart < 0 ? '' : url.slice(queryStart + 1),
    headers: req.headers,
    body,
  };
}

/** The asking service needs warden:AuthorizeRequest on the resource it asks about; the root passes. */
function checkAsker(asker: Authenticated, input: AuthorizeInput, draft: EventDraft): Promise<void> {
  const permission = AUTHORIZE_PERMISSION;
  const p = asker.deps;
  if (asker.caller.kind === 'root') {
    draft.note({ permission, resource: input.resource, decision: 'root' });
    return Promise.resolve();
  }
  return p.store.transaction((tx) => {
    const ctx = actionContext(p, tx, asker);
    const decide = decideFor(ctx);
    const noted: Decide = async (request) => {
      const decision = await decide(request);
      draft.note({ permission, resource: request.resource, decision });
      if (decision.effect === 'Allow') {
        p.tracker?.track({
          accountId: asker.account.id,
          caller: asker.caller,
          permission,
          region: asker.request.region,
          time: asker.request.time,
        });
      }
      return decision;
    };
    return authorize(asker.caller, permission, input.resource, noted, {
      [AUTHORIZED_ACTION_KEY]: input.action,
    });
  });
}

/** A clock whose first reading is `start`: an event drafted late still times the whole request. */
function since(clock: Clock, start: Date): Clock {
  let first = true;
  return {
    now: () => {
      if (!first) return clock.now();
      first = false;
      return start;
    },
  };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return NOT_JSON;
  }
}
