/**
 * `node --import tsx bench/access-tracker.ts`: the cost of access tracking. What a request pays
 * (one `track` and one `credentialUsed`, in memory), and what one flush costs on a real SQLite
 * file for a second's worth of distinct principals (off the request path: one transaction).
 *
 * Prints one line per figure. Options: BENCH_CALLS (default 200000), BENCH_PRINCIPALS (1000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/core/index.ts';
import type { Caller, Logger } from '../src/iam/action.ts';
import { AccessTracker } from '../src/iam/access-advisor/tracker.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);
const PRINCIPALS = Number(process.env.BENCH_PRINCIPALS ?? 1000);
const ACCOUNT = '123456789012';
const PERMISSIONS = [
  'iam:GetUser',
  'iam:ListUsers',
  'sts:GetCallerIdentity',
  's3:GetObject',
  'ec2:DescribeInstances',
];
const log: Logger = { info: () => undefined, warn: () => undefined, error: (m) => console.error(m) };
const noTimers = { set: () => 0, clear: () => undefined };

const user = (n: number): Caller => ({
  kind: 'user',
  arn: `arn:aws:iam::${ACCOUNT}:user/u${n}`,
  accountId: ACCOUNT,
  accessKeyId: `AKIA${String(n).padStart(16, '0')}`,
  userId: `AIDA${String(n).padStart(17, '0')}`,
  userName: `u${n}`,
});

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-tracker-'));
  const store = await openSqliteStore({ path: join(dir, 'warden.db') });
  try {
    const callers = Array.from({ length: PRINCIPALS }, (_, n) => user(n));
    const tracker = new AccessTracker({ storeOf: () => store, clock: systemClock, log, timers: noTimers });
    const time = new Date();
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const caller = callers[i % PRINCIPALS] as Caller & { accessKeyId: string };
      const permission = PERMISSIONS[i % PERMISSIONS.length] ?? 'iam:GetUser';
      tracker.track({ accountId: ACCOUNT, caller, permission, region: 'us-east-1', time });
      const credential = { kind: 'key', accessKeyId: caller.accessKeyId } as const;
      tracker.credentialUsed({ accountId: ACCOUNT, credential, time, service: 'iam', region: 'us-east-1' });
    }
    const perCall = ((performance.now() - started) * 1e6) / CALLS;
    console.log(
      `request path: ${perCall.toFixed(0)} ns per request (track + credentialUsed, ${PRINCIPALS} principals)`,
    );
    const flushStarted = performance.now();
    await tracker.flush();
    const rows = PRINCIPALS * (PERMISSIONS.length + 3); // 5 services + 3 tracked actions per principal
    console.log(
      `flush: ${(performance.now() - flushStarted).toFixed(1)} ms for ${rows} records (${PRINCIPALS} principals, one transaction)`,
    );
    await tracker.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
