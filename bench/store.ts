/**
 * Store benchmark: durable commits/s and reads/s of the SQLite adapter on this disk.
 * `node --import tsx bench/store.ts [seconds-per-figure]` prints one line per figure.
 *
 * Each figure runs K concurrent "clients", each awaiting its transaction before starting the next,
 * like K HTTP clients would. Commits are synchronous=FULL (one WAL sync per COMMIT).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store, StoreTx } from '../src/store/port.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';

const seconds = Number(process.argv[2] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
let serial = 0;

const newUser = () => {
  const n = serial++;
  return {
    userId: `AIDA${String(n).padStart(17, '0')}`,
    userName: `user-${n}`,
    path: '/',
    createDate: new Date(),
    tags: [],
  };
};

/** Runs `clients` loops of `fn` for `seconds`; returns operations per second. */
async function measure(
  store: Store,
  clients: number,
  fn: (tx: StoreTx) => Promise<unknown>,
): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const client = async () => {
    while (performance.now() < deadline) {
      await store.transaction(fn);
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  return done / ((performance.now() - start) / 1000);
}

const line = (what: string, value: number, unit: string) =>
  console.log(`${what.padEnd(62)} ${Math.round(value).toString().padStart(8)} ${unit}`);

/** The floor: better-sqlite3 alone, one INSERT per BEGIN IMMEDIATE/COMMIT, no store layer. */
function rawDriverCommits(): number {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  let n = 0;
  while (performance.now() < deadline) {
    db.exec('BEGIN IMMEDIATE');
    insert.run(`v${n++}`);
    db.exec('COMMIT');
  }
  db.close();
  return n / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  line('raw better-sqlite3 INSERT commits/s (FULL, 1 client)', rawDriverCommits(), 'commits/s');
  for (const groupCommit of [false, true]) {
    const store = await openSqliteStore({ path: join(dir, `store-${groupCommit}.db`), groupCommit });
    const mode = groupCommit ? 'group commit' : 'one commit/tx';
    for (const clients of [1, 2, 8]) {
      const rate = await measure(store, clients, (tx) => tx.users.insert(newUser()));
      line(`users.insert, ${mode}, ${clients} client(s)`, rate, 'commits/s');
    }
    await store.transaction((tx) =>
      tx.accessKeys.insert({
        accessKeyId: 'AKIABENCH',
        owner: 'root',
        status: 'Active',
        sealedSecret: 'v1.x',
        createDate: new Date(),
      }),
    );
    const names = Array.from({ length: 1000 }, (_, i) => `USER-${i}`);
    let i = 0;
    for (const clients of [1, 2]) {
      const rate = await measure(store, clients, (tx) => tx.users.getByName(names[i++ % names.length] ?? ''));
      line(`users.getByName, ${mode}, ${clients} client(s)`, rate, 'reads/s');
    }
    const authRead = async (tx: StoreTx) => {
      await tx.accessKeys.get('AKIABENCH');
      await tx.users.getByName(names[i++ % names.length] ?? '');
      await tx.accessKeys.recordUse('AKIABENCH', { date: new Date(), service: 'iam', region: 'us-east-1' });
    };
    line(
      `GetUser-like (key + user + recordUse), ${mode}, 2 clients`,
      await measure(store, 2, authRead),
      'tx/s',
    );
    await store.close();
  }
  // For comparison only: NORMAL gives up durability across power loss (not Warden's default).
  const relaxed = await openSqliteStore({ path: join(dir, 'normal.db'), synchronous: 'NORMAL' });
  const relaxedRate = await measure(relaxed, 2, (tx) => tx.users.insert(newUser()));
  line('users.insert, synchronous=NORMAL (not durable), 2 clients', relaxedRate, 'commits/s');
  await relaxed.close();
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
