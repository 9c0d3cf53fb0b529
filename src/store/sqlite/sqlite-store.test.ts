import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import { storeContract, type StoreFixtureFactory } from '../contract/index.ts';
import { openSqliteStore } from './sqlite-store.ts';

/** A fresh database file in its own temporary directory, removed afterwards. */
const sqliteFixtures =
  (groupCommit: boolean): StoreFixtureFactory =>
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-store-'));
    const path = join(dir, 'warden.db');
    return {
      open: () => openSqliteStore({ path, groupCommit }),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  };

describe('SQLite store, group commit', () => storeContract(sqliteFixtures(true)));
describe('SQLite store, one commit per transaction', () => storeContract(sqliteFixtures(false)));
