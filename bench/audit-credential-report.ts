/**
 * bench:audit, section "credential report": generation time for 10,000 and 100,000 users, the
 * CSV's size, the heap it took, and how long a request's transaction waited at most meanwhile
 * (generation runs one page per transaction, so requests slip in between pages).
 *
 * The store is filled through the store port in big transactions, in a temporary data dir, with a
 * realistic mix: half the users with a password (a third of those used), 70% with one key and 20%
 * with two (one inactive, most keys used), 20% with MFA.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store, StoreTx } from '../src/store/port.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import { generateCredentialReport } from '../src/iam/reports/credential-report-generator.ts';
import { renderResult } from '../src/protocol/index.ts';

const ACCOUNT = { id: '123456789012', partition: 'aws' };
const T0 = Date.parse('2026-01-01T00:00:00Z');
const FILL_BATCH = 5000;

const pad = (prefix: string, n: number, length: number) =>
  prefix + String(n).padStart(length - prefix.length, '0');

async function fillUser(tx: StoreTx, n: number): Promise<void> {
  const userId = pad('AIDA', n, 21);
  const at = (minutes: number) => new Date(T0 + (n + minutes) * 60_000);
  const withPassword = n % 2 === 0;
  await tx.users.insert({
    userId,
    userName: `user-${n}`,
    path: '/',
    createDate: at(0),
    ...(withPassword && n % 3 === 0 && { passwordLastUsed: at(90) }),
    tags: [],
  });
  if (withPassword) {
    await tx.loginProfiles.put({
      userId,
      passwordHash: 'scrypt$x',
      createDate: at(1),
      passwordResetRequired: false,
    });
  }
  const keys = n % 10 < 7 ? 1 : n % 10 < 9 ? 2 : 0;
  for (let k = 0; k < keys; k++) {
    const accessKeyId = pad(`AKIA${k}`, n, 20);
    await tx.accessKeys.insert({
      accessKeyId,
      owner: userId,
      status: k === 0 && keys === 2 ? 'Inactive' : 'Active',
      sealedSecret: 'v1.sealed',
      createDate: at(2 + k),
    });
    if (n % 4 !== 0)
      await tx.accessKeys.recordUse(accessKeyId, { date: at(60), service: 'sts', region: 'eu-west-1' });
  }
  if (n % 5 === 0) {
    const serialNumber = `arn:aws:iam::${ACCOUNT.id}:mfa/user-${n}`;
    await tx.mfaDevices.insert({
      serialNumber,
      deviceName: `user-${n}`,
      path: '/',
      sealedSeed: 's',
      createDate: at(3),
      tags: [],
    });
    await tx.mfaDevices.assign(serialNumber, userId, at(3), 1);
  }
}

async function fill(store: Store, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += FILL_BATCH) {
    await store.transaction(async (tx) => {
      for (let n = start; n < Math.min(to, start + FILL_BATCH); n++) await fillUser(tx, n);
    });
  }
}

/** Small read transactions in a loop while `work` runs: the longest one, start to end. */
async function worstRequestDuring(store: Store, work: Promise<unknown>): Promise<number> {
  let done = false;
  let worst = 0;
  const requests = (async () => {
    while (!done) {
      const start = performance.now();
      await store.transaction((tx) => tx.users.getByName('user-7'));
      worst = Math.max(worst, performance.now() - start);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  await work.finally(() => (done = true));
  await requests;
  return worst;
}

/** One generation, timed; with `alongside`, small request transactions run in a loop meanwhile. */
async function generate(
  store: Store,
  alongside: boolean,
): Promise<{ ms: number; cpuMs: number; heapMb: number; worstMs: number; bytes: number }> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
  const startedAt = new Date();
  const generation = await store.transaction((tx) => tx.credentialReport.start(startedAt));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const job = generateCredentialReport((fn) => store.transaction(fn), {
    account: ACCOUNT,
    generation,
    startedAt,
  });
  const worstMs = alongside ? await worstRequestDuring(store, job) : (await job, 0);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  const bytes = Buffer.byteLength(await store.transaction((tx) => tx.credentialReport.content()));
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, heapMb: (heapPeak - heapBefore) / 1e6, worstMs, bytes };
}

/** What the server does for GetCredentialReport but HTTP: read the CSV, render the XML (base64). */
async function answerGet(store: Store): Promise<{ ms: number; xmlBytes: number }> {
  const start = performance.now();
  const csv = await store.transaction((tx) => tx.credentialReport.content());
  const xml = renderResult(
    'iam',
    'GetCredentialReport',
    { Content: Buffer.from(csv, 'utf8'), ReportFormat: 'text/csv', GeneratedTime: new Date() },
    'bench',
  );
  return { ms: performance.now() - start, xmlBytes: xml.length };
}

export async function run(print: (what: string, value: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-audit-'));
  try {
    const store = await openSqliteStore({ path: join(dir, 'warden.db') });
    await store.transaction((tx) => tx.account.create({ accountId: ACCOUNT.id, createDate: new Date(T0) }));
    let filled = 0;
    for (const users of [10_000, 100_000]) {
      const fillStart = performance.now();
      await fill(store, filled, users);
      filled = users;
      print(
        `store filled to ${users} users (through the port)`,
        `${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
      );
      const alone = await generate(store, false);
      print(`credential report, ${users} users: generation`, `${(alone.ms / 1000).toFixed(2)} s`);
      print(
        `  CPU time of the process (wall time above: the machine is shared)`,
        `${(alone.cpuMs / 1000).toFixed(2)} s`,
      );
      print(`  rate`, `${Math.round(users / (alone.ms / 1000))} users/s`);
      print(`  CSV size`, `${(alone.bytes / 1e6).toFixed(1)} MB`);
      print(`  heap growth during generation (sampled peak)`, `${alone.heapMb.toFixed(1)} MB`);
      const get = await answerGet(store);
      print(
        `  GetCredentialReport answer (CSV read, base64 XML of ${(get.xmlBytes / 1e6).toFixed(1)} MB)`,
        `${get.ms.toFixed(0)} ms`,
      );
      const shared = await generate(store, true);
      print(
        `  generation with request transactions in a loop alongside`,
        `${(shared.ms / 1000).toFixed(2)} s`,
      );
      print(`  longest of those request transactions`, `${shared.worstMs.toFixed(1)} ms`);
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
