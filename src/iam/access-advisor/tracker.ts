/**
 * The access tracker: every call the caller's policies decide, allowed or denied (access advisor:
 * the principal's last attempt on the service, and on the action for IAM and STS) and every
 * authenticated one (the access key's last use, or the role's for a session) is noted in memory, in O(1) and without I/O, and written to the
 * account's store in one transaction per account at most once a second. A crash loses at most
 * the last second of records; `close` writes what is left.
 *
 * GetAccessKeyLastUsed, GetRole's RoleLastUsed and the credential report read these records
 * through the access key and role repos; the reports' actions call `flush` first (see
 * USAGE_READERS), so a report never misses a use made before it was asked for.
 */
import type { Clock } from '../../core/index.ts';
import type { Store, StoreTx } from '../../store/port.ts';
import type { Caller, Logger } from '../action.ts';
import { PendingUses } from './pending-uses.ts';
import { trackedPrincipalOf } from './principal-of.ts';
import { ACTION_TRACKED_SERVICES, TRACKING_PERIOD_MS } from './tracked.ts';
import { WrittenUses } from './written-uses.ts';

export { ACTION_TRACKED_SERVICES } from './tracked.ts';

/** Records older than the tracking period are purged with a flush, at most once a day per account. */
const PURGE_EVERY_MS = 24 * 3600 * 1000;

/**
 * Actions whose answer reads the usage records: the pipeline flushes the tracker before running
 * them. By permission name.
 */
export const USAGE_READERS: ReadonlySet<string> = new Set([
  'iam:GetAccessKeyLastUsed',
  'iam:GetRole',
  'iam:GetAccountAuthorizationDetails',
  'iam:GenerateCredentialReport',
  'iam:GenerateServiceLastAccessedDetails',
]);

/** One attempt the caller's policies decided: `permission` is `service:Action` (`iam:GetUser`, `s3:PutObject`). */
export interface TrackedCall {
  readonly accountId: string;
  readonly caller: Caller;
  readonly permission: string;
  readonly region: string;
  readonly time: Date;
}

/** The credentials an authenticated request was signed with. */
export type UsedCredential =
  { readonly kind: 'key'; readonly accessKeyId: string } | { readonly kind: 'role'; readonly roleId: string };

export interface CredentialUse {
  readonly accountId: string;
  readonly credential: UsedCredential;
  readonly time: Date;
  /** The credential scope's service and region. */
  readonly service: string;
  readonly region: string;
}

/** setTimeout/clearTimeout, injected so tests drive the flush interval. */
export interface TrackerTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: TrackerTimers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(), // never keeps the process alive on its own
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AccessTrackerOptions {
  /** The store of an account (one database per account); undefined when the account is gone. */
  readonly storeOf: (accountId: string) => Store | undefined | Promise<Store | undefined>;
  readonly clock: Clock;
  readonly log: Logger;
  /** The longest a record waits in memory; default 1000 ms. */
  readonly intervalMs?: number;
  readonly timers?: TrackerTimers;
  /**
   * False: access advisor records (services, actions) are not kept; the credentials' last use
   * still is (config `accessTracking`, for measuring its cost).
   */
  readonly trackServices?: boolean;
}

export class AccessTracker {
  private pending = new Map<string, PendingUses>();
  private timer: unknown;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private readonly lastPurgeAt = new Map<string, number>();
  private written = new WrittenUses();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly intervalMs: number;
  private readonly timers: TrackerTimers;

  constructor(private readonly options: AccessTrackerOptions) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.timers = options.timers ?? realTimers;
  }

  /** Notes an attempt at `permission` (AWS counts denied ones too). Never throws, never waits. */
  track(call: TrackedCall): void {
    if (this.options.trackServices === false || this.closed) return;
    const principal = trackedPrincipalOf(call.caller);
    if (principal === undefined) return;
    const colon = call.permission.indexOf(':');
    if (colon <= 0) return;
    const service = call.permission.slice(0, colon).toLowerCase();
    const { time, region } = call;
    const entityArn = call.caller.arn;
    const uses = this.usesOf(call.accountId);
    // Plain literals, no spreads: this runs on every request.
    uses.addAccess({ principalId: principal.id, service, time, region, entityArn });
    if (ACTION_TRACKED_SERVICES.has(service)) {
      const action = call.permission.slice(colon + 1);
      uses.addAccess({ principalId: principal.id, service, action, time, region, entityArn });
    }
    this.schedule();
  }

  /** Notes that authenticated credentials were used (whatever the decision that followed). */
  credentialUsed(use: CredentialUse): void {
    if (this.closed) return;
    const uses = this.usesOf(use.accountId);
    const { credential } = use;
    if (credential.kind === 'key') {
      uses.addKeyUse(credential.accessKeyId, { date: use.time, service: use.service, region: use.region });
    } else {
      uses.addRoleUse(credential.roleId, { date: use.time, region: use.region });
    }
    this.schedule();
  }

  /** Writes everything noted so far (after any flush already running); resolves once written. */
  flush(): Promise<void> {
    this.chain = this.chain.then(() => this.flushNow());
    return this.chain;
  }

  /** After a database was wiped (the test-hooks reset): what was written before is gone. */
  forgetWritten(): void {
    this.written = new WrittenUses();
  }

  /** Stops taking records and writes the rest. Call before closing the stores. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private usesOf(accountId: string): PendingUses {
    let uses = this.pending.get(accountId);
    if (uses === undefined) {
      uses = new PendingUses();
      this.pending.set(accountId, uses);
    }
    return uses;
  }

  /** The first record after a quiet second goes out at once; later ones wait for the next second. */
  private schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    // Clamped: a clock set back (tests, NTP) must not put the next flush far off.
    const wait = Math.min(
      this.intervalMs,
      Math.max(0, this.lastFlushAt + this.intervalMs - this.options.clock.now().getTime()),
    );
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
  }

  private async flushNow(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.lastFlushAt = this.options.clock.now().getTime();
    for (const [accountId, uses] of batch) await this.write(accountId, uses);
  }

  private async write(accountId: string, noted: PendingUses): Promise<void> {
    const uses = this.written.worthWriting(accountId, noted);
    if (uses.size === 0) return;
    try {
      const store = await this.options.storeOf(accountId);
      // A deleted account's records have nowhere to go.
      await store?.transaction(async (tx) => {
        await writeUses(tx, uses);
        await this.purgeIfDue(tx, accountId);
      });
      this.written.remember(accountId, uses);
    } catch (error) {
      this.options.log.error('access tracker: writing usage records failed', {
        accountId,
        records: uses.size,
        error: error instanceof Error ? error.message : String(error),
      });
      if (this.closed) return;
      // Kept for the next flush (a busy database); what arrived meanwhile wins where newer.
      this.usesOf(accountId).mergeFrom(uses);
      this.schedule();
    }
  }

  private async purgeIfDue(tx: StoreTx, accountId: string): Promise<void> {
    const now = this.options.clock.now().getTime();
    if (now - (this.lastPurgeAt.get(accountId) ?? Number.NEGATIVE_INFINITY) < PURGE_EVERY_MS) return;
    await tx.accessAdvisor.purgeBefore(new Date(now - TRACKING_PERIOD_MS));
    this.lastPurgeAt.set(accountId, now);
  }
}

async function writeUses(tx: StoreTx, uses: PendingUses): Promise<void> {
  await tx.accessAdvisor.record([...uses.accesses.values()]);
  for (const [accessKeyId, use] of uses.keys) await tx.accessKeys.recordUse(accessKeyId, use);
  for (const [roleId, use] of uses.roles) await tx.roles.recordUse(roleId, use);
}
