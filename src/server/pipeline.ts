import type { IncomingMessage, ServerResponse } from 'node:http';
import { partitionOfRegion, WardenError } from '../core/index.ts';
import type { Account, Caller, RequestFacts } from '../iam/action.ts';
import { AccessDeniedError, encodeDenial, ENCODED_MESSAGE_LABEL } from '../iam/authz/index.ts';
import {
  hasAuthentication,
  renderError,
  renderResult,
  serviceOfAction,
  type SigV4Verifier,
  type ServiceName,
  type SignedRequest,
  type VerifyOptions,
} from '../protocol/index.ts';
import { readBody, requestParams } from './body.ts';
import type { EventDraft } from '../audit/index.ts';
import { recordEvent, startEvent } from './events/request-event.ts';
import { prepareAction, runPrepared, toWardenError, type ActionDeps } from './execute.ts';
import { sourceIpOf } from './source-ip.ts';
import { checkSessionRestrictions } from '../sts/session-restrictions.ts';
import { noteCredentialUse } from './access-tracking.ts';
import type { AccountHandle } from './accounts.ts';
import { callerOf, checkCredentials, sealedSecretOf, type KeyLookup } from './authenticate.ts';

/** The parts one request needs; built once by the composition root. */
export interface Pipeline extends ActionDeps {
  /** The first account's (the one created at first start). */
  readonly accountId: () => string;
  /** `secrets.open`, remembering what it opened (opened-secrets.ts). */
  readonly openSecret: (sealed: string) => string;
  readonly maxBodyBytes: number;
  readonly verifier: SigV4Verifier;
}

/** The AWS API endpoint: `POST /` with a form body, or `GET /?Action=...` (presigned). */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  p: Pipeline,
): Promise<void> {
  const requestId = p.ids.requestId();
  let service: ServiceName = 'iam';
  const draft = startEvent(p, req, requestId, 'api', { service, action: '' });
  try {
    const body = await readBody(req, p.maxBodyBytes);
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawQuery = queryStart < 0 ? '' : url.slice(queryStart + 1);
    const params = requestParams(rawQuery, body, req.headers['content-type']);
    const action = params.get('Action');
    if (action === null || action === '') throw new WardenError('MissingAction', 'Missing Action');
    service = serviceOfAction(action) ?? 'iam';
    draft.service = service;
    draft.action = action;
    const signed: SignedRequest = {
      method: req.method ?? 'POST',
      path: queryStart < 0 ? url : url.slice(0, queryStart),
      rawQuery,
      headers: req.headers,
      body,
    };
    const state = { service };
    const output = await dispatch(p, { signed, params, action, requestId, req, draft }, state);
    service = state.service;
    send(p, res, 200, requestId, renderResult(service, action, output ?? undefined, requestId));
    recordEvent(p, draft, req, 200);
  } catch (error) {
    const wire = toWardenError(error, requestId, p.log);
    send(p, res, wire.status, requestId, renderError(service, wire, requestId));
    recordEvent(p, draft, req, wire.status, wire);
  }
}

interface ApiCall {
  readonly signed: SignedRequest;
  readonly params: URLSearchParams;
  readonly action: string;
  readonly requestId: string;
  readonly req: IncomingMessage;
  readonly draft: EventDraft;
}

/** Who a verified request speaks for, and the facts about it that policies and records use. */
export interface Authenticated {
  readonly caller: Caller;
  readonly account: Account;
  readonly request: RequestFacts;
  /** The service name of the credential scope (`iam`, `sts`, or whatever the client signed for). */
  readonly service: string;
  /** The server's parts for this request: `store` and `authorizer` are the caller's account's. */
  readonly deps: Pipeline;
}

/**
 * SigV4: finds the key (or session), verifies the signature, checks the session token, records
 * the credential's use, and resolves the caller. Shared by the AWS API and the admin API.
 */
export async function authenticate(
  p: Pipeline,
  signed: SignedRequest,
  req: IncomingMessage,
  requestId: string,
  options?: VerifyOptions,
): Promise<Authenticated> {
  if (!hasAuthentication(signed)) {
    throw new WardenError('MissingAuthenticationToken', 'Request is missing Authentication Token');
  }
  const lookup: { hit?: { account: AccountHandle; found: KeyLookup } } = {};
  const now = p.clock.now();
  const verified = await p.verifier.verify(
    signed,
    async (accessKeyId) => {
      const hit = await p.accounts.findKey(accessKeyId);
      if (hit !== undefined) lookup.hit = hit;
      return hit === undefined ? undefined : p.openSecret(sealedSecretOf(hit.found));
    },
    now,
    options,
  );
  const { hit } = lookup;
  if (hit === undefined) throw new Error('verifySignature accepted a key that the lookup did not find');
  const { found } = hit;
  // From here on the request is the caller's account's: its store, its authorizer.
  const deps: Pipeline = { ...p, store: hit.account.store, authorizer: hit.account.authorizer };
  const { service } = verified;
  checkCredentials(found, verified.securityToken, now);
  const account = { id: hit.account.id, partition: partitionOfRegion(verified.region) };
  noteCredentialUse(p, account.id, found, { time: now, service, region: verified.region });
  const request: RequestFacts = {
    requestId,
    time: now,
    region: verified.region,
    partition: account.partition,
    sourceIp: sourceIpOf(req),
    userAgent: req.headers['user-agent'] ?? '',
    secureTransport: false,
  };
  return { caller: callerOf(found, account), account, request, service, deps };
}

/** Authenticates, routes by the credential scope's service, validates, authorizes and runs. */
async function dispatch(
  p: Pipeline,
  { signed, params, action, requestId, req, draft }: ApiCall,
  state: { service: ServiceName },
): Promise<Record<string, unknown> | void> {
  const { caller, account, request, service, deps } = await authenticate(p, signed, req, requestId);
  state.service = service as ServiceName;
  draft.service = service;
  draft.identify(caller);
  const prepared = prepareAction(p, state.service, action, params);
  checkSessionRestrictions(caller, state.service, action);
  return withEncodedDenials(p, request, () =>
    runPrepared(deps, prepared, { caller, account, request, onDecision: draft.note }),
  );
}

/**
 * A session caller's AccessDenied carries the decision's details, sealed, as AWS's "Encoded
 * authorization failure message" (decoded by sts:DecodeAuthorizationMessage).
 */
async function withEncodedDenials<T>(p: Pipeline, request: RequestFacts, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof AccessDeniedError) || error.denial.caller.session === undefined) throw error;
    const encoded = encodeDenial(p.secrets, error.denial, request);
    throw new WardenError('AccessDenied', `${error.message}. ${ENCODED_MESSAGE_LABEL} ${encoded}`);
  }
}

function send(p: Pipeline, res: ServerResponse, status: number, requestId: string, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    // SDKs correct their clock skew from this header, so it must be the server's real time.
    date: p.clock.now().toUTCString(),
    // An oversize body is refused before it is read to the end: the connection cannot be reused.
    ...(status === 413 && { connection: 'close' }),
  });
  res.end(body);
}
