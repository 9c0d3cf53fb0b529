import { StoreError } from '../port.ts';
import type { Sql } from './sql.ts';

/** What a Session needs from the runner (an interface, so the two files import one way). */
export interface Transactional {
  readonly sql: Sql;
  /** Takes the lock and begins; resolves with the function that releases the lock. */
  begin(): Promise<() => void>;
  /** Commits (ok) or rolls back, releases the lock; resolves once the outcome is durable. */
  end(ok: boolean, release: () => void): Promise<void>;
}

/**
 * One call of `transaction`: begins lazily at the first statement, so work an action does before
 * touching the store (password hashing) does not hold the lock.
 */
export class Session {
  private started: Promise<() => void> | undefined;
  private finished = false;

  constructor(private readonly runner: Transactional) {}

  readonly use = async (): Promise<Sql> => {
    if (this.finished) throw new StoreError('closed', 'this transaction has already ended');
    this.started ??= this.runner.begin();
    await this.started;
    if (this.finished) throw new StoreError('closed', 'this transaction has already ended');
    // After an I/O error or a full disk SQLite may have rolled everything back by itself: going on
    // would run the next statements in autocommit mode, outside any transaction.
    if (!this.runner.sql.inTransaction)
      throw new StoreError('failure', 'the database aborted this transaction');
    return this.runner.sql;
  };

  async finish(ok: boolean): Promise<void> {
    this.finished = true;
    if (this.started === undefined) return;
    let release: () => void;
    try {
      release = await this.started;
    } catch (error) {
      if (ok) throw error;
      return; // begin failed and the caller is already failing: its error wins
    }
    await this.runner.end(ok, release);
  }
}
