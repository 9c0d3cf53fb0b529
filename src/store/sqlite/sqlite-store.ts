import type Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../core/index.ts';
import type { Store } from '../port.ts';
import { openDatabase, type Synchronous } from './connection.ts';
import { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate.ts';
import { Sql } from './sql.ts';
import { sqliteStoreTx } from './store-tx.ts';
import { TransactionRunner } from './transactions.ts';

export interface SqliteStoreOptions {
  /** The database file; created (with its directory) if absent. */
  readonly path: string;
  /** Stamps schema_migrations.applied_at. */
  readonly clock?: Clock;
  /** How long to wait for another process's write lock before failing with StoreError('busy'). */
  readonly busyTimeoutMs?: number;
  /**
   * FULL (the default) syncs the WAL at every commit: a resolved transaction survives power loss.
   * NORMAL syncs only at checkpoints: it survives a crash of Warden but the last commits may be
   * lost if the machine loses power. Only for deployments that accept that for write throughput.
   */
  readonly synchronous?: Synchronous;
  /** See CommitOptions.groupCommit. On by default. */
  readonly groupCommit?: boolean;
  readonly maxBatch?: number;
  /** Only for tests of the migration runner. */
  readonly migrationsDir?: string;
}

/** Opens (creating if needed) a SQLite store and brings its schema up to date. */
export function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  return new Promise((resolve) => resolve(openNow(options)));
}

function openNow(options: SqliteStoreOptions): Store {
  const db = openDatabase(options.path, options.busyTimeoutMs ?? 5000, options.synchronous);
  try {
    const sql = new Sql(db);
    migrate(sql, loadMigrations(options.migrationsDir ?? MIGRATIONS_DIR), options.clock ?? systemClock);
    const commit = { groupCommit: options.groupCommit ?? true, maxBatch: options.maxBatch ?? 64 };
    const runner = new TransactionRunner(sql, commit, () => closeDatabase(db));
    return {
      transaction: (fn) => runner.run((use) => fn(sqliteStoreTx(use))),
      close: () => runner.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function closeDatabase(db: Database.Database): void {
  try {
    db.pragma('optimize'); // SQLite's advice for long-lived connections: refresh planner statistics
  } catch {
    // Only an optimisation: closing matters more.
  }
  db.close();
}
