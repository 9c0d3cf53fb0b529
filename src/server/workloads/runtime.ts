import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventDraft, EventLog } from '../../audit/index.ts';
import { partitionOfRegion, type Clock, type Ids } from '../../core/index.ts';
import type { Account, Logger, SecretBox } from '../../iam/action.ts';
import type { Store, WorkloadRecord } from '../../store/port.ts';
import { WorkloadCredentials, type WorkloadState } from '../../sts/workloads/credentials.ts';
import type { BoundPort } from '../../sts/workloads/register.ts';
import { handleImdsRequest, IMDS_CREDENTIALS_PREFIX } from './imds-handler.ts';
import { ImdsTokens } from './imds-tokens.ts';
import { recordCredentialFetch, type FetchVia } from './fetch-events.ts';

/** The accounts whose workloads this server serves, and their stores. */
export interface WorkloadAccounts {
  accountIds(): readonly string[];
  storeOf(accountId: string): Promise<Store | undefined>;
}

export interface WorkloadRuntimeDeps {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly secrets: SecretBox;
  readonly log: Logger;
  /** Where each credential fetch is recorded (fetch-events.ts). */
  readonly events: EventLog;
  readonly accounts: WorkloadAccounts;
  /** Where IMDS listeners listen (WARDEN_IMDS_HOST, default 127.0.0.1). */
  readonly imdsHost: string;
  /** What IMDS reports as the region (the identity document, placement/region). */
  readonly region: string;
}

/** The endpoints a registered workload is given. */
export interface WorkloadEndpoints {
  readonly ImdsEndpoint: string;
  readonly ContainerCredentialsFullUri: string;
}

/** What the admin API and the container endpoint need of the workloads' runtime. */
export interface WorkloadHost {
  bindPort(accountId: string, workloadId: string): Promise<BoundPort>;
  /** Closes a deregistered workload's IMDS listener. */
  closePort(workloadId: string): Promise<void>;
  endpoints(workload: WorkloadRecord): WorkloadEndpoints;
  /** The account a running workload belongs to; undefined for no such workload. */
  accountOf(workloadId: string): string | undefined;
  state(accountId: string, workloadId: string): Promise<WorkloadState>;
  storeOf(accountId: string): Promise<Store | undefined>;
  account(accountId: string): Account;
  /** Starts the event of a credential fetch; recorded when the response is finished. */
  recordFetch(
    req: IncomingMessage,
    res: ServerResponse,
    via: FetchVia,
    workloadId: string,
  ): EventDraft | undefined;
}

interface Listener {
  readonly accountId: string;
  readonly server: Server;
  readonly port: number;
}

export const CONTAINER_CREDENTIALS_PATH = '/v1/workload-credentials/';

/**
 * Every workload's IMDS listener (one loopback port each: on a real instance the link-local
 * address is the instance's own, so here a port is the workload's own), and its credentials.
 * The composition root starts it after the main server listens and closes it on shutdown.
 */
export class WorkloadRuntime implements WorkloadHost {
  readonly credentials: WorkloadCredentials;
  private readonly listeners = new Map<string, Listener>();
  private serverUrl = '';

  constructor(private readonly deps: WorkloadRuntimeDeps) {
    this.credentials = new WorkloadCredentials(deps);
  }

  /** Reopens every stored workload's listener, on its stored port, or a new one if it is taken. */
  async start(serverUrl: string): Promise<void> {
    this.serverUrl = containerBase(serverUrl);
    for (const accountId of this.deps.accounts.accountIds()) {
      // One account's trouble (a database it cannot open) must not keep the others' workloads down.
      try {
        const store = await this.deps.accounts.storeOf(accountId);
        if (store === undefined) continue;
        const workloads = await store.transaction((tx) => tx.workloads.list());
        for (const workload of workloads) await this.reopen(accountId, store, workload);
      } catch (error) {
        this.deps.log.error(`workloads of account ${accountId} not started`, { error: String(error) });
      }
    }
  }

  async bindPort(accountId: string, workloadId: string): Promise<BoundPort> {
    const listener = await this.listen(accountId, workloadId, 0);
    return { port: listener.port, close: () => this.closeOne(workloadId) };
  }

  closePort(workloadId: string): Promise<void> {
    return this.closeOne(workloadId);
  }

  endpoints(workload: WorkloadRecord): WorkloadEndpoints {
    const host = this.deps.imdsHost.includes(':') ? `[${this.deps.imdsHost}]` : this.deps.imdsHost;
    return {
      ImdsEndpoint: `http://${host}:${workload.imdsPort}`,
      ContainerCredentialsFullUri: `${this.serverUrl}${CONTAINER_CREDENTIALS_PATH}${workload.workloadId}`,
    };
  }

  accountOf(workloadId: string): string | undefined {
    return this.listeners.get(workloadId)?.accountId;
  }

  async state(accountId: string, workloadId: string): Promise<WorkloadState> {
    const store = await this.deps.accounts.storeOf(accountId);
    if (store === undefined) return { kind: 'unknown' };
    return this.credentials.state(store, this.account(accountId), workloadId);
  }

  storeOf(accountId: string): Promise<Store | undefined> {
    return this.deps.accounts.storeOf(accountId);
  }

  recordFetch(
    req: IncomingMessage,
    res: ServerResponse,
    via: FetchVia,
    workloadId: string,
  ): EventDraft | undefined {
    const accountId = this.accountOf(workloadId);
    return recordCredentialFetch(this.deps, req, res, {
      via,
      workloadId,
      region: this.deps.region,
      account: accountId === undefined ? undefined : this.account(accountId),
    });
  }

  /** Closes every listener (shutdown, or the test-hooks reset that wipes the workloads). */
  async close(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((id) => this.closeOne(id)));
  }

  private async reopen(accountId: string, store: Store, workload: WorkloadRecord): Promise<void> {
    try {
      await this.listen(accountId, workload.workloadId, workload.imdsPort);
    } catch (error) {
      const listener = await this.listen(accountId, workload.workloadId, 0);
      this.deps.log.warn(
        `workload ${workload.workloadId}: IMDS port ${workload.imdsPort} is not available ` +
          `(${(error as NodeJS.ErrnoException).code ?? String(error)}); now on port ${listener.port}`,
      );
      await store.transaction((tx) => tx.workloads.setImdsPort(workload.workloadId, listener.port));
    }
  }

  private async listen(accountId: string, workloadId: string, port: number): Promise<Listener> {
    const tokens = new ImdsTokens(this.deps.ids);
    const account = this.account(accountId);
    const server = createServer((req, res) => {
      const draft = isCredentialFetch(req) ? this.recordFetch(req, res, 'imds', workloadId) : undefined;
      handleImdsRequest(req, res, {
        workloadId,
        account,
        region: this.deps.region,
        host: this.deps.imdsHost,
        tokens,
        clock: this.deps.clock,
        log: this.deps.log,
        state: () => this.state(accountId, workloadId),
        ...(draft === undefined ? {} : { onRole: (roleArn: string) => draft.addResource(roleArn) }),
      }).catch((error: unknown) => {
        this.deps.log.error('IMDS request failed', { error: String(error) });
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.deps.imdsHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const listener = { accountId, server, port: (server.address() as AddressInfo).port };
    this.listeners.set(workloadId, listener);
    return listener;
  }

  private async closeOne(workloadId: string): Promise<void> {
    const listener = this.listeners.get(workloadId);
    if (listener === undefined) return;
    this.listeners.delete(workloadId);
    this.credentials.forget(listener.accountId, workloadId);
    await new Promise<void>((resolve) => {
      listener.server.close(() => resolve());
      listener.server.closeAllConnections();
    });
  }

  account(accountId: string): Account {
    return { id: accountId, partition: partitionOfRegion(this.deps.region) };
  }
}

/** `GET /latest/meta-data/iam/security-credentials/ROLE`: the one IMDS request that hands out credentials. */
function isCredentialFetch(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  return (
    req.method === 'GET' &&
    path.startsWith(IMDS_CREDENTIALS_PREFIX) &&
    path.length > IMDS_CREDENTIALS_PREFIX.length
  );
}

/**
 * The main server's URL as a workload on this host reaches it: SDKs accept an HTTP container
 * credentials URI only on a loopback address, so a wildcard listen address becomes 127.0.0.1.
 */
function containerBase(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.origin;
}
