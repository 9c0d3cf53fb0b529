import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../core/index.ts';
import { StoreError } from '../port.ts';
import type { Sql } from './sql.ts';

/** The SQL migrations shipped with the adapter, one file per step: `NNN-name.sql`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const FILE = /^(\d+)-([\w-]+)\.sql$/;

export function loadMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .flatMap((file) => {
      const match = FILE.exec(file);
      if (match?.[1] === undefined || match[2] === undefined) return [];
      return [{ version: Number(match[1]), name: match[2], sql: readFileSync(join(dir, file), 'utf8') }];
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies, in order, every migration not yet recorded in schema_migrations, each in its own
 * transaction together with its record, so a crash never leaves a step half-applied or applied
 * but unrecorded. Returns the versions applied now.
 */
export function migrate(sql: Sql, migrations: readonly Migration[], clock: Clock): number[] {
  sql.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
  );
  refuseNewerSchema(sql, migrations);
  return migrations.filter((step) => applyOne(sql, step, clock)).map((step) => step.version);
}

/** An older Warden must not run on a schema it does not know: it could silently lose data. */
function refuseNewerSchema(sql: Sql, migrations: readonly Migration[]): void {
  const known = Math.max(0, ...migrations.map((step) => step.version));
  const applied = sql.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')?.v ?? 0;
  if (applied > known) {
    throw new StoreError(
      'failure',
      `the database schema is at version ${applied}, newer than this Warden knows (${known}): upgrade Warden`,
    );
  }
}

/** Applies one step unless recorded; checked under the write lock, so two processes never both apply it. */
function applyOne(sql: Sql, step: Migration, clock: Clock): boolean {
  sql.exec('BEGIN IMMEDIATE');
  try {
    if (sql.one('SELECT 1 AS one FROM schema_migrations WHERE version = ?', step.version)) {
      sql.exec('ROLLBACK');
      return false;
    }
    sql.exec(step.sql);
    sql.run(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
      step.version,
      step.name,
      clock.now().toISOString(),
    );
    sql.exec('COMMIT');
    return true;
  } catch (error) {
    if (sql.inTransaction) sql.exec('ROLLBACK');
    throw error;
  }
}
