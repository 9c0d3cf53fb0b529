import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { aUser } from '../contract/fixture.ts';
import type { Store } from '../port.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { Sql } from './sql.ts';

let dir: string;
let path: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warden-group-'));
  path = join(dir, 'warden.db');
  store = await openSqliteStore({ path, groupCommit: true, maxBatch: 4 });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** What another connection sees: only what is committed. */
function committedUserCount(): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function countCommits(): { readonly count: number; restore(): void } {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-attached to the prototype and called with its `this`
  const original = Sql.prototype.control;
  const counter = { count: 0, restore: () => void (Sql.prototype.control = original) };
  Sql.prototype.control = function (this: Sql, text: string) {
    if (text === 'COMMIT') counter.count++;
    original.call(this, text);
  };
  return counter;
}

describe('SQLite group commit', () => {
  test('concurrent transactions share commits, bounded by maxBatch', async () => {
    const commits = countCommits();
    try {
      await Promise.all(
        Array.from({ length: 8 }, (_, n) => store.transaction((tx) => tx.users.insert(aUser(n)))),
      );
    } finally {
      commits.restore();
    }
    assert.equal(committedUserCount(), 8);
    assert.ok(
      commits.count >= 2 && commits.count <= 3,
      `8 transactions, batches of at most 4: ${commits.count} commits`,
    );
  });

  test('a reader that may have seen a batch-mate write resolves only once that write is committed', async () => {
    const write = store.transaction((tx) => tx.users.insert(aUser(1)));
    const read = store.transaction((tx) => tx.users.count());
    assert.equal(await read, 1);
    assert.equal(committedUserCount(), 1, 'the reader must not resolve before the commit');
    await write;
  });

  test('every member of a batch rejects when its COMMIT fails, and nothing is kept', async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- re-attached to the prototype and called with its `this`
    const original = Sql.prototype.control;
    Sql.prototype.control = function (this: Sql, text: string) {
      if (text === 'COMMIT') throw new Error('disk on fire');
      original.call(this, text);
    };
    try {
      const outcomes = await Promise.allSettled(
        [1, 2, 3].map((n) => store.transaction((tx) => tx.users.insert(aUser(n)))),
      );
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['rejected', 'rejected', 'rejected'],
      );
    } finally {
      Sql.prototype.control = original;
    }
    assert.equal(committedUserCount(), 0);
    assert.equal(await store.transaction((tx) => tx.users.count()), 0);
    await store.transaction((tx) => tx.users.insert(aUser(4)));
    assert.equal(committedUserCount(), 1, 'the store works again after the failed batch');
  });
});

describe('SQLite group commit, failures', () => {
  test('a batch whose only member failed still ends, releasing the write lock', async () => {
    const dir2 = await mkdtemp(join(tmpdir(), 'warden-group-'));
    const file = join(dir2, 'warden.db');
    const lone = await openSqliteStore({ path: file, groupCommit: true });
    try {
      await assert.rejects(
        lone.transaction(async (tx) => {
          await tx.users.insert(aUser(1));
          throw new Error('fail');
        }),
      );
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      const other = new Database(file, { timeout: 0 });
      try {
        other.exec('BEGIN IMMEDIATE; COMMIT;'); // throws SQLITE_BUSY if the batch were still open
      } finally {
        other.close();
      }
    } finally {
      await lone.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });
});
