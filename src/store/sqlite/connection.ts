import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { guarded } from './errors.ts';

/**
 * Opens the database file (creating it and its directory) with the settings the port promises:
 * WAL, durable commits (synchronous=FULL syncs the WAL at every commit), foreign keys enforced, and
 * a busy timeout in case another process holds the write lock.
 */
export type Synchronous = 'FULL' | 'NORMAL';

export function openDatabase(
  path: string,
  busyTimeoutMs: number,
  synchronous: Synchronous = 'FULL',
): Database.Database {
  return guarded(() => {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: busyTimeoutMs });
    try {
      const mode: unknown = db.pragma('journal_mode = WAL', { simple: true });
      if (path !== ':memory:' && mode !== 'wal')
        throw new Error(`could not switch ${path} to WAL (got ${String(mode)})`);
      db.pragma(`synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
      db.pragma('foreign_keys = ON');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}
