import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Ids } from '../../core/index.ts';
import type { Account, Caller, Logger, RequestFacts } from '../../iam/action.ts';
import type { ActiveSession, StepOutcome } from '../../iam/sign-in/service.ts';
import type { SignInRequest } from '../../iam/sign-in/sign-in.ts';
import type { SignInSettings } from '../../iam/sign-in/settings.ts';
import { encodeJsonInput, outputToJson } from '../../protocol/encode-input.ts';
import { serviceOfAction, type ServiceName } from '../../protocol/index.ts';
import type { EventDraft } from '../../audit/index.ts';
import { executeAction, type ActionDeps } from '../execute.ts';
import { sourceIpOf } from '../source-ip.ts';
import { consoleEventName, recordEvent, startEvent } from '../events/request-event.ts';
import type { ConsoleAccounts } from './accounts.ts';
import { clearedCookie, isSecure, sessionCookie, sessionTokenOf } from './cookies.ts';
import { crossSiteReason, csrfTokenMatches, isJson } from './guard.ts';
import {
  badRequest,
  ConsoleError,
  csrfRejected,
  notSignedIn,
  optionalString,
  readJsonObject,
  sendError,
  sendJson,
  stringField,
} from './respond.ts';

/** What the console API is built from (by the composition root). */
export interface ConsoleDeps {
  /** Every account's sign-in: a session speaks for its own account. */
  readonly signIn: ConsoleAccounts;
  readonly actions: ActionDeps;
  readonly settings: SignInSettings;
  readonly accountId: () => string;
  readonly ids: Ids;
  readonly clock: Clock;
  readonly log: Logger;
  readonly maxBodyBytes: number;
  /** Mark cookies Secure even over plain HTTP (TLS ends at a proxy in front of Warden). */
  readonly secureCookies: boolean;
}

interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly d: ConsoleDeps;
  readonly secure: boolean;
  readonly requestId: string;
  readonly sourceIp: string;
  /** The request's event (recorded when the answer is sent). */
  readonly event: EventDraft;
}

type Route = (x: Exchange) => Promise<void>;

export const CONSOLE_PREFIX = '/console/api/';

const ROUTES: Readonly<Record<string, Route>> = {
  'POST sign-in': signInRoute,
  'POST mfa': mfaRoute,
  'POST change-password': changePasswordRoute,
  'POST sign-out': signOutRoute,
  'GET whoami': whoamiRoute,
  'POST call': callRoute,
};

/** `/console/api/*`: the JSON sign-in API and the generic action call for the web console. */
export async function handleConsoleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  d: ConsoleDeps,
): Promise<void> {
  const requestId = d.ids.requestId();
  const path = (req.url ?? '/').split('?')[0] ?? '';
  const routeKey = `${req.method ?? 'GET'} ${path.slice(CONSOLE_PREFIX.length)}`;
  const name = consoleEventName(routeKey);
  const event = startEvent(d, req, requestId, name.kind, name);
  const x: Exchange = {
    req,
    res,
    d,
    secure: isSecure(req, d.secureCookies),
    requestId,
    sourceIp: sourceIpOf(req),
    event,
  };
  try {
    const route = ROUTES[routeKey];
    if (route === undefined)
      throw new ConsoleError(404, 'NotFound', `No console API at ${req.method} ${path}.`);
    if (req.method !== 'GET') guardStateChange(x);
    await route(x);
    recordEvent(d.actions, event, req, res.statusCode);
  } catch (error) {
    const answered = sendError(res, error, requestId, d.log);
    recordEvent(d.actions, event, req, answered.status, answered);
  }
}

/** Layers 1 and 2 of the CSRF defence (guard.ts) for every state-changing request. */
function guardStateChange(x: Exchange): void {
  if (!isJson(x.req)) throw new ConsoleError(415, 'UnsupportedMediaType', 'Send application/json.');
  const reason = crossSiteReason(x.req, x.secure);
  if (reason !== undefined) throw csrfRejected(reason);
}

/** The caller's session, with layer 3 (the CSRF token) for state-changing requests. */
async function requireSession(x: Exchange): Promise<ActiveSession> {
  const token = sessionTokenOf(x.req, x.secure);
  const session = token === undefined ? undefined : await x.d.signIn.resolve(token);
  if (session === undefined) throw notSignedIn();
  x.event.identify(session.caller);
  if (x.req.method !== 'GET' && !csrfTokenMatches(x.req, session.csrfToken)) {
    throw csrfRejected('missing or wrong X-CSRF-Token');
  }
  return session;
}

async function signInRoute(x: Exchange): Promise<void> {
  const body = await readJsonObject(x.req, x.d.maxBodyBytes);
  const password = stringField(body, 'password');
  const email = optionalString(body, 'email');
  const request: SignInRequest =
    email !== undefined
      ? { kind: 'root', email, password }
      : {
          kind: 'user',
          account: stringField(body, 'account'),
          userName: stringField(body, 'userName'),
          password,
        };
  await answerStep(x, await x.d.signIn.signIn(request, x.sourceIp));
}

async function mfaRoute(x: Exchange): Promise<void> {
  const body = await readJsonObject(x.req, x.d.maxBodyBytes);
  const outcome = await x.d.signIn.verifyMfa(
    stringField(body, 'challenge'),
    stringField(body, 'code'),
    optionalString(body, 'serialNumber'),
    x.sourceIp,
  );
  await answerStep(x, outcome);
}

/** With `challenge`: the forced change during sign-in. Without: a signed-in principal's own. */
async function changePasswordRoute(x: Exchange): Promise<void> {
  const body = await readJsonObject(x.req, x.d.maxBodyBytes);
  const oldPassword = stringField(body, 'oldPassword');
  const newPassword = stringField(body, 'newPassword');
  const challenge = optionalString(body, 'challenge');
  const change = (caller: Caller, oldP: string, newP: string) =>
    runAs(x, caller, 'iam', 'ChangePassword', { OldPassword: oldP, NewPassword: newP }).then(() => undefined);
  if (challenge !== undefined) {
    return answerStep(
      x,
      await x.d.signIn.changePassword(challenge, oldPassword, newPassword, x.sourceIp, change),
    );
  }
  const session = await requireSession(x);
  if (session.caller.kind === 'root')
    await x.d.signIn.changeRootPassword(session.caller.accountId, oldPassword, newPassword);
  else await change(session.caller, oldPassword, newPassword);
  sendJson(x.res, 200, { status: 'password-changed', requestId: x.requestId });
}

async function signOutRoute(x: Exchange): Promise<void> {
  const token = sessionTokenOf(x.req, x.secure);
  if (token !== undefined) {
    const session = await x.d.signIn.resolve(token);
    if (session !== undefined && !csrfTokenMatches(x.req, session.csrfToken)) {
      throw csrfRejected('missing or wrong X-CSRF-Token');
    }
    await x.d.signIn.signOut(token);
  }
  sendJson(x.res, 200, { status: 'signed-out' }, { 'set-cookie': clearedCookie(x.secure) });
}

async function whoamiRoute(x: Exchange): Promise<void> {
  sendJson(x.res, 200, await sessionView(x, await requireSession(x)));
}

/**
 * Any IAM or STS action as the signed-in principal: `{ action, service?, parameters? }` goes
 * through the same decoding, validation, authorization and run as a SigV4 request.
 */
async function callRoute(x: Exchange): Promise<void> {
  const session = await requireSession(x);
  const body = await readJsonObject(x.req, x.d.maxBodyBytes);
  const action = stringField(body, 'action');
  const named = optionalString(body, 'service');
  if (named !== undefined && named !== 'iam' && named !== 'sts')
    throw badRequest("'service' must be iam or sts.");
  const service: ServiceName = named ?? serviceOfAction(action) ?? 'iam';
  x.event.service = service;
  x.event.action = action;
  const output = await runAs(x, session.caller, service, action, body.parameters);
  sendJson(x.res, 200, `{"requestId":${JSON.stringify(x.requestId)},"result":${outputToJson(output)}}`);
}

async function runAs(x: Exchange, caller: Caller, service: ServiceName, action: string, parameters: unknown) {
  const account: Account = { id: caller.accountId, partition: 'aws' };
  const request: RequestFacts = {
    requestId: x.requestId,
    time: x.d.clock.now(),
    region: 'us-east-1',
    partition: account.partition,
    sourceIp: x.sourceIp,
    userAgent: x.req.headers['user-agent'] ?? '',
    secureTransport: x.secure,
  };
  const params = encodeJsonInput(service, action, parameters);
  return executeAction(await accountDeps(x, caller.accountId), {
    service,
    action,
    params,
    caller,
    account,
    request,
    onDecision: x.event.note,
  });
}

async function answerStep(x: Exchange, outcome: StepOutcome): Promise<void> {
  if (outcome.status !== 'signed-in') {
    return sendJson(x.res, 200, {
      status: outcome.status,
      challenge: outcome.challenge,
      expiresAt: outcome.expiresAt.toISOString(),
      ...(outcome.reason !== undefined && { reason: outcome.reason }),
    });
  }
  // A browser signing in again leaves no second live session behind it.
  const previous = sessionTokenOf(x.req, x.secure);
  if (previous !== undefined) await x.d.signIn.signOut(previous);
  const session = await x.d.signIn.resolve(outcome.token);
  if (session === undefined) throw notSignedIn();
  x.event.identify(session.caller);
  const maxAge = (outcome.record.expiresAt.getTime() - x.d.clock.now().getTime()) / 1000;
  sendJson(x.res, 200, await sessionView(x, session), {
    'set-cookie': sessionCookie(outcome.token, x.secure, maxAge),
  });
}

/** The server's parts with the store and authorizer of the signed-in principal's account. */
async function accountDeps(x: Exchange, accountId: string): Promise<ActionDeps> {
  const account = await x.d.actions.accounts.handle(accountId);
  if (account === undefined) throw notSignedIn();
  return { ...x.d.actions, store: account.store, authorizer: account.authorizer };
}

async function sessionView(x: Exchange, session: ActiveSession) {
  const { caller, record } = session;
  const { store } = await accountDeps(x, caller.accountId);
  const alias = await store.transaction(async (tx) => (await tx.account.get())?.alias);
  return {
    status: 'signed-in',
    principal: {
      type: caller.kind === 'root' ? 'root' : 'user',
      arn: caller.arn,
      accountId: caller.accountId,
      ...(alias !== undefined && { accountAlias: alias }),
      ...(caller.kind === 'user' && { userName: caller.userName, userId: caller.userId }),
    },
    mfaAuthenticated: record.mfaAt !== undefined,
    signedInAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    csrfToken: session.csrfToken,
  };
}
