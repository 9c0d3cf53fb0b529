import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../core/index.ts';
import { openDatabase } from '../store/sqlite/connection.ts';
import { loadMigrations, migrate } from '../store/sqlite/migrate.ts';
import { Sql } from '../store/sqlite/sql.ts';
import type { AuditEvent, EventFilter, EventLog, EventPage, EventPageRequest } from './event.ts';
import { insertEvent, pruneEvents, selectEvents } from './event-rows.ts';

/** events.db's own migrations (not the IAM store's). */
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface EventLogOptions {
  /** `<dataDir>/events.db`. */
  readonly path: string;
  readonly clock: Clock;
  /** Events older than this are pruned at open and every `pruneIntervalMs` (default 90 days). */
  readonly retentionDays?: number;
  /** Queued events are written at least this often (default 1000 ms). */
  readonly flushIntervalMs?: number;
  /** A flush starts as soon as this many events wait (default 500). */
  readonly batchSize?: number;
  /** Beyond this many queued events (the file cannot be written) the oldest are dropped (default 100,000). */
  readonly maxQueued?: number;
  readonly pruneIntervalMs?: number;
  readonly onError?: (message: string, error: unknown) => void;
}

export const EVENT_LOG_DEFAULTS = {
  retentionDays: 90,
  flushIntervalMs: 1000,
  batchSize: 500,
  maxQueued: 100_000,
  pruneIntervalMs: 3_600_000,
} as const;

const DAY_MS = 86_400_000;
const MAX_PAGE = 1000;

/** Opens (creating and migrating) the event log file and starts its flush and prune timers. */
export function openEventLog(options: EventLogOptions): SqliteEventLog {
  // NORMAL: a crash can lose the last commits, which the queue already risks; FULL's fsync per
  // batch buys nothing here.
  const db = openDatabase(options.path, 5000, 'NORMAL');
  try {
    const sql = new Sql(db);
    migrate(sql, loadMigrations(MIGRATIONS_DIR), options.clock);
    return new SqliteEventLog(db, sql, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

export class SqliteEventLog implements EventLog {
  readonly enabled = true;
  private queue: AuditEvent[] = [];
  private readonly flushTimer: NodeJS.Timeout;
  private readonly pruneTimer: NodeJS.Timeout;
  private soon: NodeJS.Immediate | undefined;
  private closed = false;
  /** Events dropped because the queue overflowed (the file could not be written). */
  dropped = 0;
  private readonly settings: Required<Omit<EventLogOptions, 'path' | 'clock' | 'onError'>>;

  constructor(
    private readonly db: Database.Database,
    private readonly sql: Sql,
    private readonly options: EventLogOptions,
  ) {
    this.settings = {
      retentionDays: options.retentionDays ?? EVENT_LOG_DEFAULTS.retentionDays,
      flushIntervalMs: options.flushIntervalMs ?? EVENT_LOG_DEFAULTS.flushIntervalMs,
      batchSize: options.batchSize ?? EVENT_LOG_DEFAULTS.batchSize,
      maxQueued: options.maxQueued ?? EVENT_LOG_DEFAULTS.maxQueued,
      pruneIntervalMs: options.pruneIntervalMs ?? EVENT_LOG_DEFAULTS.pruneIntervalMs,
    };
    this.prune();
    // unref: the log never keeps the process alive; close() flushes what is left.
    this.flushTimer = setInterval(() => this.flushNow(), this.settings.flushIntervalMs).unref();
    this.pruneTimer = setInterval(() => this.prune(), this.settings.pruneIntervalMs).unref();
  }

  record(event: AuditEvent): void {
    if (this.closed) return;
    this.queue.push(event);
    if (this.queue.length > this.settings.maxQueued) {
      this.dropped += this.queue.length - this.settings.maxQueued;
      this.queue.splice(0, this.queue.length - this.settings.maxQueued);
    }
    if (this.queue.length >= this.settings.batchSize && this.soon === undefined) {
      this.soon = setImmediate(() => this.flushNow());
    }
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- a bad marker rejects, never throws
  async query(filter: EventFilter, page: EventPageRequest = {}): Promise<EventPage> {
    return queryEvents(this.sql, filter, page);
  }

  flush(): Promise<void> {
    this.flushNow();
    return Promise.resolve();
  }

  /** Deletes events older than the retention period; returns how many. */
  prune(): number {
    const cutoff = new Date(this.options.clock.now().getTime() - this.settings.retentionDays * DAY_MS);
    try {
      return pruneEvents(this.sql, cutoff);
    } catch (error) {
      this.options.onError?.('event log prune failed', error);
      return 0;
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    clearInterval(this.flushTimer);
    clearInterval(this.pruneTimer);
    if (this.soon !== undefined) clearImmediate(this.soon);
    this.flushNow();
    this.closed = true;
    this.db.close();
    return Promise.resolve();
  }

  /** How many events wait to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** All queued events in one transaction; on failure they stay queued for the next attempt. */
  private flushNow(): void {
    this.soon = undefined;
    if (this.queue.length === 0 || this.closed) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.sql.control('BEGIN IMMEDIATE');
      for (const event of batch) insertEvent(this.sql, event);
      this.sql.control('COMMIT');
    } catch (error) {
      if (this.sql.inTransaction) this.sql.control('ROLLBACK');
      this.queue = batch.concat(this.queue);
      this.options.onError?.('event log write failed', error);
    }
  }
}

/** One page of matching events, oldest first. */
export function queryEvents(sql: Sql, filter: EventFilter, page: EventPageRequest): EventPage {
  const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? 100)), MAX_PAGE);
  const after = page.marker === undefined ? 0 : seqOfMarker(page.marker);
  const rows = selectEvents(sql, filter, after, limit + 1);
  const events = rows.slice(0, limit);
  const last = events.at(-1);
  return rows.length > limit && last !== undefined ? { events, marker: markerOf(last.seq) } : { events };
}

/**
 * Reads an event log file without writing to it (`warden events` beside a running server: WAL
 * lets it read while the server writes).
 */
export function openEventReader(path: string): {
  query(filter: EventFilter, page?: EventPageRequest): EventPage;
  close(): void;
} {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const sql = new Sql(db);
  return { query: (filter, page = {}) => queryEvents(sql, filter, page), close: () => db.close() };
}

export function markerOf(seq: number): string {
  return Buffer.from(`e${seq}`).toString('base64url');
}

export function seqOfMarker(marker: string): number {
  const text = Buffer.from(marker, 'base64url').toString();
  const seq = Number(text.slice(1));
  if (!text.startsWith('e') || !Number.isSafeInteger(seq) || seq < 0) throw new InvalidMarkerError();
  return seq;
}

export class InvalidMarkerError extends Error {
  constructor() {
    super('The marker is not one this event log gave out.');
  }
}
