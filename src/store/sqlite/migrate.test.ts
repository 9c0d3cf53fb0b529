import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { fixedClock } from '../../core/index.ts';
import { openDatabase } from './connection.ts';
import { loadMigrations, MIGRATIONS_DIR } from './migrate.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { TABLES_CHILD_FIRST, TABLES_KEPT } from './store-tx.ts';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warden-migrate-'));
  path = join(dir, 'data', 'warden.db');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const recorded = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
  } finally {
    db.close();
  }
};

describe('SQLite migrations and settings', () => {
  test('the first open creates the file and applies the migrations once; reopening applies nothing', async () => {
    const first = await openSqliteStore({
      path,
      clock: fixedClock(new Date('2026-01-01T00:00:00Z')),
    });
    await first.close();
    const before = recorded(path);
    // Every shipped step, in order, recorded once (008, 009 and 010 are added in parallel: the
    // expectation is the migrations directory itself, and the first eight are named here).
    const shipped = loadMigrations(MIGRATIONS_DIR);
    assert.deepEqual(
      before,
      shipped.map(({ version, name }) => ({ version, name, applied_at: '2026-01-01T00:00:00.000Z' })),
    );
    assert.deepEqual(
      shipped.slice(0, 8).map((step) => step.name),
      [
        'initial',
        'policies',
        'roles',
        'sessions',
        'passwords-mfa',
        'console-sign-in',
        'mfa-drift',
        'workloads',
      ],
    );
    const second = await openSqliteStore({
      path,
      clock: fixedClock(new Date('2027-01-01T00:00:00Z')),
    });
    await second.close();
    assert.deepEqual(recorded(path), before);
  });

  test('wipeAll knows every table the migrations create', async () => {
    await (await openSqliteStore({ path })).close();
    const db = new Database(path, { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all()
        .map((row) => (row as { name: string }).name)
        .filter((name) => name !== 'schema_migrations');
      assert.deepEqual([...tables].sort(), [...TABLES_CHILD_FIRST, ...TABLES_KEPT].sort());
    } finally {
      db.close();
    }
  });

  test('a new step is applied at the next open, after the earlier ones, exactly once', async () => {
    const migrations = join(dir, 'migrations');
    await mkdir(migrations);
    await copyFile(join(MIGRATIONS_DIR, '001-initial.sql'), join(migrations, '001-initial.sql'));
    await (await openSqliteStore({ path, migrationsDir: migrations })).close();
    await writeFile(join(migrations, '002-add-note.sql'), 'ALTER TABLE settings ADD COLUMN note TEXT;');
    await writeFile(join(migrations, 'README.txt'), 'not a migration');
    await (await openSqliteStore({ path, migrationsDir: migrations })).close();
    await (await openSqliteStore({ path, migrationsDir: migrations })).close();
    assert.deepEqual(
      recorded(path).map((row) => (row as { version: number }).version),
      [1, 2],
    );
  });

  test('a database migrated by a newer Warden is refused, untouched', async () => {
    const migrations = join(dir, 'migrations');
    await mkdir(migrations);
    await copyFile(join(MIGRATIONS_DIR, '001-initial.sql'), join(migrations, '001-initial.sql'));
    await writeFile(join(migrations, '999-future.sql'), 'CREATE TABLE future (x INTEGER);');
    await (await openSqliteStore({ path, migrationsDir: migrations })).close();
    await assert.rejects(openSqliteStore({ path }), /newer than this Warden/);
    assert.deepEqual(
      recorded(path).map((row) => (row as { version: number }).version),
      [1, 999],
    );
  });

  test('a failing step leaves no trace and fails the open', async () => {
    const migrations = join(dir, 'migrations');
    await mkdir(migrations);
    await copyFile(join(MIGRATIONS_DIR, '001-initial.sql'), join(migrations, '001-initial.sql'));
    await writeFile(join(migrations, '002-broken.sql'), 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL;');
    await assert.rejects(openSqliteStore({ path, migrationsDir: migrations }));
    const db = new Database(path, { readonly: true });
    try {
      assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all(), []);
    } finally {
      db.close();
    }
    assert.deepEqual(
      recorded(path).map((row) => (row as { version: number }).version),
      [1],
    );
  });

  test('the connection runs in WAL mode with full sync, foreign keys and a busy timeout', () => {
    const db = openDatabase(path, 1234);
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.pragma('busy_timeout', { simple: true }), 1234);
    } finally {
      db.close();
    }
    const relaxed = openDatabase(path, 1234, 'NORMAL');
    try {
      assert.equal(relaxed.pragma('synchronous', { simple: true }), 1, 'NORMAL only when asked');
    } finally {
      relaxed.close();
    }
  });
});
