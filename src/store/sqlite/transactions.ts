import { StoreError } from '../port.ts';
import { Batch } from './batch.ts';
import { translateError } from './errors.ts';
import { Mutex } from './mutex.ts';
import type { UseSql } from './repos/use.ts';
import { Session, type Transactional } from './session.ts';
import type { Sql } from './sql.ts';

export interface CommitOptions {
  /**
   * Group commit: transactions that queue up behind each other share one BEGIN ... COMMIT (each
   * inside its own SAVEPOINT, so one failing rolls back only itself), and so one WAL sync. Every
   * member still resolves only after that COMMIT returned: durability is unchanged, only the
   * number of syncs drops. The commit waits one event-loop turn (setImmediate) so requests that
   * arrived meanwhile can join.
   */
  readonly groupCommit: boolean;
  /** Commit at once when a batch reaches this many transactions (bounds their latency). */
  readonly maxBatch: number;
}

const closedError = () => new StoreError('closed', 'the store is closed');

/**
 * Serializes transactions on the one connection: a FIFO lock held from a transaction's first
 * statement to its COMMIT/ROLLBACK (or RELEASE, under group commit).
 */
export class TransactionRunner implements Transactional {
  private readonly lock = new Mutex();
  private batch: Batch | undefined;
  private closed = false;
  /** `sql.writes` when the lock holder began: did it change anything? */
  private writesAtBegin = 0;

  constructor(
    readonly sql: Sql,
    private readonly options: CommitOptions,
    private readonly onClose: () => void,
  ) {}

  async run<T>(fn: (use: UseSql) => Promise<T>): Promise<T> {
    if (this.closed) throw closedError();
    const session = new Session(this);
    let result: T;
    try {
      result = await fn(session.use);
    } catch (error) {
      await session.finish(false);
      throw error;
    }
    await session.finish(true);
    return result;
  }

  /** Waits for every queued transaction, commits an open batch, closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    const release = await this.lock.acquire();
    try {
      if (this.closed) return;
      if (this.batch) this.commitBatch(this.batch);
      this.closed = true;
      this.onClose();
    } finally {
      release();
    }
  }

  /** Takes the lock and opens the transaction (or joins the open batch with a savepoint). */
  async begin(): Promise<() => void> {
    const release = await this.lock.acquire();
    try {
      if (this.closed) throw closedError();
      if (!this.options.groupCommit) {
        this.sql.control('BEGIN IMMEDIATE');
      } else {
        if (this.batch === undefined) {
          this.sql.control('BEGIN IMMEDIATE');
          this.batch = new Batch();
        }
        this.sql.control('SAVEPOINT tx');
      }
      this.writesAtBegin = this.sql.writes;
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Ends a transaction that began; resolves once its writes are durable (or rolled back). */
  async end(ok: boolean, release: () => void): Promise<void> {
    if (!this.options.groupCommit) return this.endAlone(ok, release);
    let done: Promise<void> | undefined;
    try {
      done = ok ? this.releaseIntoBatch() : this.rollbackSavepoint();
    } finally {
      // Even a batch whose only member failed must end, or it would hold the write lock forever.
      if (this.batch) this.scheduleFlush(this.batch);
      release();
    }
    await done;
  }

  private endAlone(ok: boolean, release: () => void): void {
    try {
      if (ok) this.sql.control('COMMIT');
      else this.rollbackQuietly();
    } catch (error) {
      this.rollbackQuietly();
      throw error;
    } finally {
      release();
    }
  }

  /** Called with the lock held. Returns the promise of the batch's COMMIT. */
  private releaseIntoBatch(): Promise<void> {
    const batch = this.batch;
    try {
      if (batch === undefined) throw new StoreError('failure', 'no open batch');
      this.sql.control('RELEASE tx');
    } catch (error) {
      this.rollbackSavepoint();
      throw error;
    }
    const wrote = this.sql.writes !== this.writesAtBegin;
    // Read only, in a batch where nobody wrote: everything it saw is already durable.
    const done = wrote || batch.dirty ? batch.join() : Promise.resolve();
    batch.dirty ||= wrote;
    if (batch.size >= this.options.maxBatch) this.commitBatch(batch);
    return done;
  }

  /** Called with the lock held: undoes this transaction only, unless SQLite lost the whole batch. */
  private rollbackSavepoint(): undefined {
    try {
      this.sql.control('ROLLBACK TO tx');
      this.sql.control('RELEASE tx');
    } catch {
      // The savepoint is gone only if SQLite rolled back the whole transaction (I/O error, full disk).
    }
    if (!this.sql.inTransaction && this.batch) {
      const lost = this.batch;
      this.batch = undefined;
      lost.failed(new StoreError('failure', 'the database rolled back a group of transactions'));
    }
    return undefined;
  }

  private scheduleFlush(batch: Batch): void {
    if (batch.flushScheduled) return;
    batch.flushScheduled = true;
    setImmediate(() => void this.flush(batch));
  }

  private async flush(batch: Batch): Promise<void> {
    const release = await this.lock.acquire();
    try {
      if (this.batch === batch) this.commitBatch(batch);
    } finally {
      release();
    }
  }

  /** Called with the lock held. */
  private commitBatch(batch: Batch): void {
    this.batch = undefined;
    try {
      this.sql.control('COMMIT');
    } catch (error) {
      this.rollbackQuietly();
      batch.failed(translateError(error));
      return;
    }
    batch.committed();
  }

  private rollbackQuietly(): void {
    try {
      if (this.sql.inTransaction) this.sql.control('ROLLBACK');
    } catch {
      // Nothing more to undo: SQLite already ended the transaction.
    }
  }
}
