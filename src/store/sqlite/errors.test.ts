import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { aUser } from '../contract/fixture.ts';
import { isStoreError, StoreError } from '../port.ts';
import { translateError } from './errors.ts';
import { openSqliteStore } from './sqlite-store.ts';

describe('SQLite error translation', () => {
  test('driver codes map to StoreError kinds', () => {
    const cases: [string, string][] = [
      ['SQLITE_CONSTRAINT_UNIQUE', 'conflict'],
      ['SQLITE_CONSTRAINT_PRIMARYKEY', 'conflict'],
      ['SQLITE_CONSTRAINT_FOREIGNKEY', 'constraint'],
      ['SQLITE_CONSTRAINT_CHECK', 'constraint'],
      ['SQLITE_BUSY', 'busy'],
      ['SQLITE_BUSY_SNAPSHOT', 'busy'],
      ['SQLITE_IOERR_FSYNC', 'failure'],
    ];
    for (const [code, kind] of cases) {
      const error = translateError(Object.assign(new Error('x'), { code }));
      assert.equal(error.kind, kind, code);
      assert.ok(error.message.startsWith(code));
    }
    assert.equal(translateError('not even an Error').kind, 'failure');
    const already = new StoreError('closed', 'closed');
    assert.equal(translateError(already), already);
  });

  test('another process holding the write lock past the busy timeout gives StoreError busy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-busy-'));
    const path = join(dir, 'warden.db');
    const store = await openSqliteStore({ path, busyTimeoutMs: 50 });
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      await assert.rejects(
        store.transaction((tx) => tx.users.insert(aUser(1))),
        (e) => isStoreError(e) && e.kind === 'busy',
      );
      other.exec('COMMIT');
      assert.equal(await store.transaction((tx) => tx.users.insert(aUser(1))), 'inserted');
    } finally {
      other.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
