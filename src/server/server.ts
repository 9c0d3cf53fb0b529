import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DISABLED_EVENT_LOG, EVENT_LOG_DEFAULTS, openEventLog, type EventLog } from '../audit/index.ts';
import { createIds, systemClock, type Clock } from '../core/index.ts';
import type { Logger } from '../iam/action.ts';
import { catalogDocuments } from '../iam/authz/index.ts';
import { iamActions } from '../iam/registry.ts';
import { SIGN_IN_DEFAULTS } from '../iam/sign-in/settings.ts';
import { ConsoleSignIn } from '../iam/sign-in/sign-in.ts';
import { SignInThrottle } from '../iam/sign-in/throttle.ts';
import { createRingSecretBox } from '../iam/key-ring.ts';
import { createPasswordHasher } from '../iam/secrets.ts';
import { createSigV4Verifier } from '../protocol/index.ts';
import { SqliteAccountFiles } from '../store/sqlite/directory.ts';
import { stsActions } from '../sts/registry.ts';
import { setUpAccount } from './account-setup.ts';
import { AccountDirectory } from './accounts.ts';
import { JobRunner } from './background-jobs.ts';
import type { ServerConfig } from './config.ts';
import { ADMIN_PREFIX, handleAdminRequest } from './admin/routes.ts';
import { AUTHORIZE_PATH, handleAuthorizeRequest } from './authorize/handler.ts';
import { ADMIN_ROUTES } from './admin/route-table.ts';
import { ConsoleAccounts } from './console/accounts.ts';
import { CONSOLE_PREFIX, handleConsoleRequest, type ConsoleDeps } from './console/routes.ts';
import { loadKeySource } from './key-ring-file.ts';
import { rememberOpened } from './opened-secrets.ts';
import { handleContainerCredentials } from './workloads/container-endpoint.ts';
import { CONTAINER_CREDENTIALS_PATH, WorkloadRuntime } from './workloads/runtime.ts';
import { handleApiRequest, type Pipeline } from './pipeline.ts';
import { AccessTracker } from '../iam/access-advisor/tracker.ts';

export interface RunningServer {
  readonly url: string;
  readonly accountId: string;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export interface ServerDeps {
  readonly log: Logger;
  readonly clock?: Clock;
}

const DRAIN_TIMEOUT_MS = 10_000;

/** The composition root: builds every concrete part, wires them, and listens. */
export async function startServer(config: ServerConfig, deps: ServerDeps): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const clock = deps.clock ?? systemClock;
  const ids = createIds((n) => randomBytes(n), randomUUID);
  // A ring of master keys (key-ring.ts): `warden master-key rotate` re-seals while this runs.
  const secrets = createRingSecretBox(
    loadKeySource(config.dataDir, config.masterKey, config.previousMasterKeys),
  );
  const files = new SqliteAccountFiles(config.dataDir, clock);
  const store = await files.openFirst();
  const events = openEvents(config, clock, deps.log);
  const passwords = createPasswordHasher();
  const setup = () => store.transaction((tx) => setUpAccount(tx, config, { clock, ids, secrets, passwords }));
  const first = await setup();
  if (first.generatedRootKey !== undefined) announceRootKey(deps.log, first.generatedRootKey);
  if (first.generatedRootLogin !== undefined) announceRootLogin(deps.log, first.generatedRootLogin);
  const accounts = new AccountDirectory(
    files,
    { id: first.accountId, store },
    { clock, ids, secrets, passwords, awsManaged: catalogDocuments },
  );

  // One IMDS listener per workload, reopened at start (after the main server listens).
  const workloads = new WorkloadRuntime({
    clock,
    ids,
    secrets,
    log: deps.log,
    events,
    // Every served account's workloads (each in its account's store).
    accounts,
    imdsHost: config.imdsHost ?? '127.0.0.1',
    region: 'us-east-1',
  });
  const tracker = new AccessTracker({
    storeOf: (id) => accounts.storeOf(id),
    clock,
    log: deps.log,
    trackServices: config.accessTracking !== false,
  });
  const pipeline: Pipeline = {
    store,
    clock,
    ids,
    accountId: () => first.accountId,
    secrets,
    openSecret: rememberOpened(secrets),
    passwords,
    log: deps.log,
    actions: { iam: iamActions, sts: stsActions },
    maxBodyBytes: config.maxBodyBytes,
    tracker,
    verifier: createSigV4Verifier(),
    authorizer: accounts.first.authorizer,
    accounts,
    jobs: new JobRunner(deps.log),
    workloads,
    events,
  };
  const signInSettings = config.signIn ?? SIGN_IN_DEFAULTS;
  const throttle = new SignInThrottle(signInSettings.throttle);
  const consoleDeps: ConsoleDeps = {
    signIn: new ConsoleAccounts(
      accounts,
      (account) =>
        new ConsoleSignIn({
          store: account.store,
          clock,
          ids,
          passwords,
          secrets,
          account: () => ({ id: account.id, partition: 'aws' }),
          settings: signInSettings,
          throttle,
        }),
    ),
    actions: pipeline,
    settings: signInSettings,
    accountId: () => first.accountId,
    ids,
    clock,
    log: deps.log,
    maxBodyBytes: 64 * 1024,
    secureCookies: config.secureCookies === true,
  };
  const purgeSessions = setInterval(() => {
    consoleDeps.signIn.purge().catch((error: unknown) => {
      deps.log.error('console session purge failed', { error: String(error) });
    });
  }, 10 * 60_000);
  purgeSessions.unref();
  const resetAll = async () => {
    await tracker.flush(); // nothing from before the reset lands after it
    tracker.forgetWritten();
    await workloads.close();
    await accounts.removeOthers();
    await store.transaction(async (tx) => {
      await tx.wipeAll();
      await setUpAccount(tx, { ...config, accountId: first.accountId }, { clock, ids, secrets, passwords });
    });
  };
  const server = createServer((req, res) => {
    route(req, res, pipeline, config.testHooks ? resetAll : undefined, consoleDeps).catch(
      (error: unknown) => {
        deps.log.error('unhandled request failure', { error: String(error) });
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
  await listen(server, config.host, config.port);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  await workloads.start(`http://${host}:${port}`);
  return {
    url: `http://${host}:${port}`,
    accountId: first.accountId,
    close: async () => {
      clearInterval(purgeSessions);
      await drain(server);
      await tracker.close();
      await workloads.close();
      await pipeline.jobs?.drain();
      await accounts.close();
      await events.close();
    },
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  pipeline: Pipeline,
  resetAll: (() => Promise<void>) | undefined,
  consoleDeps: ConsoleDeps,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz' && req.method === 'GET') {
    return json(res, 200, { status: 'ok', accountId: pipeline.accountId() });
  }
  if (path === '/moto-api/reset' && req.method === 'POST' && resetAll !== undefined) {
    await resetAll();
    return json(res, 200, { status: 'reset' });
  }
  if (path?.startsWith(CONSOLE_PREFIX) === true) return handleConsoleRequest(req, res, consoleDeps);
  if (path?.startsWith(CONTAINER_CREDENTIALS_PATH) === true && pipeline.workloads !== undefined)
    return handleContainerCredentials(req, res, pipeline.workloads, pipeline.log);
  if (path === AUTHORIZE_PATH && req.method === 'POST') return handleAuthorizeRequest(req, res, pipeline);
  if (path?.startsWith(ADMIN_PREFIX) === true) return handleAdminRequest(req, res, pipeline, ADMIN_ROUTES);
  if (path === '/' && (req.method === 'POST' || req.method === 'GET'))
    return handleApiRequest(req, res, pipeline);
  json(res, 404, { error: 'Not found: the AWS API is served at POST / and GET /' });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting; closes keep-alive connections as they go idle; forces the rest after a timeout. */
function drain(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** `<dataDir>/events.db`, or nothing when events are switched off (WARDEN_EVENTS=off). */
function openEvents(config: ServerConfig, clock: Clock, log: Logger): EventLog {
  if (config.events?.enabled === false) return DISABLED_EVENT_LOG;
  return openEventLog({
    path: join(config.dataDir, 'events.db'),
    clock,
    retentionDays: config.events?.retentionDays ?? EVENT_LOG_DEFAULTS.retentionDays,
    onError: (message, error) => log.error(message, { error: String(error) }),
  });
}

function announceRootKey(log: Logger, key: { accessKeyId: string; secretAccessKey: string }): void {
  log.warn(
    [
      'Created the account root user with this access key. It is shown only this once:',
      `  AWS_ACCESS_KEY_ID=${key.accessKeyId}`,
      `  AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`,
      'As AWS advises, do not use root keys day to day: create an IAM user with the permissions',
      'it needs, give it an access key, and delete or deactivate this root key.',
    ].join('\n'),
  );
}

function announceRootLogin(log: Logger, login: { email: string; password: string }): void {
  log.warn(
    [
      "Created the root user's console sign-in. The password is shown only this once:",
      `  email:    ${login.email}`,
      `  password: ${login.password}`,
      'Change it after signing in (or set WARDEN_ROOT_EMAIL / WARDEN_ROOT_PASSWORD before the first',
      'start); `warden root reset-password` sets a new one from the data directory.',
    ].join('\n'),
  );
}
