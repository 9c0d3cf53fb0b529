/**
 * `npm run bench:signin`: what a console password sign-in costs, so the hash parameters are a
 * known price (issue 6). Prints:
 *  - the scrypt hash time at Warden's parameters (N=2^15, r=8, p=1: 32 MiB per hash) and, for
 *    comparison, one step cheaper and one dearer;
 *  - full sign-ins per second against a real server in this process (POST /console/api/sign-in
 *    with the right password: JSON, throttle check, one read transaction, the hash, one write
 *    transaction for PasswordLastUsed and the session, the Set-Cookie answer), at a concurrency
 *    that keeps every core busy, then per core.
 * Keycloak's published figure for its default hash is about 15 password sign-ins per second per
 * vCPU. BENCH_SECONDS (default 5) sets the length of the throughput run.
 */
import { availableParallelism } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../src/iam/action.ts';
import { createPasswordHasher, DEFAULT_SCRYPT, type ScryptParams } from '../src/iam/secrets.ts';
import { resolveConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/server.ts';
import { Browser } from '../src/server/console/test-kit.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const cores = availableParallelism();
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function hashTime(params: ScryptParams, rounds: number): Promise<number> {
  const hasher = createPasswordHasher(params);
  const stored = await hasher.hash('Bench-Password-1');
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await hasher.verify('Bench-Password-1', stored);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function signInThroughput(): Promise<{ total: number; perSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-signin-'));
  const config = resolveConfig(
    {
      WARDEN_ROOT_EMAIL: 'ops@example.com',
      WARDEN_ROOT_PASSWORD: 'Bench-Root-Pass-1',
      WARDEN_SIGNIN_THROTTLE: 'off',
    },
    { host: '127.0.0.1', port: '0', dataDir: dir },
  );
  const server = await startServer(config, { log: quiet });
  try {
    const root = new Browser(server.url);
    await root.signInRoot('Bench-Root-Pass-1', 'ops@example.com');
    await root.call('CreateUser', { UserName: 'bench' });
    await root.call('CreateLoginProfile', { UserName: 'bench', Password: 'Bench-User-Pass-1' });
    // libuv runs scrypt on its thread pool (4 threads by default): enough in flight to fill it.
    const concurrency = Math.max(4, cores * 2);
    const end = Date.now() + SECONDS * 1000;
    let total = 0;
    const start = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          const answer = await new Browser(server.url).signInUser(
            'bench',
            'Bench-User-Pass-1',
            server.accountId,
          );
          if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status}`);
          total++;
        }
      }),
    );
    return { total, perSecond: total / ((Date.now() - start) / 1000) };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

console.log(
  `bench:signin on ${cores} core(s), Node ${process.version}, UV_THREADPOOL_SIZE=${process.env['UV_THREADPOOL_SIZE'] ?? 4}`,
);
console.log('');
console.log('scrypt verify, median of sequential runs (one hash at a time):');
for (const [label, params, rounds] of [
  ['N=2^14 r=8 p=1 (16 MiB)', { ...DEFAULT_SCRYPT, N: 2 ** 14 }, 10],
  ['N=2^15 r=8 p=1 (32 MiB) <- Warden', DEFAULT_SCRYPT, 15],
  ['N=2^16 r=8 p=1 (64 MiB)', { ...DEFAULT_SCRYPT, N: 2 ** 16 }, 5],
] as const) {
  const ms = await hashTime(params, rounds);
  console.log(`  ${label.padEnd(36)} ${fmt(ms)} ms  (${fmt(1000 / ms)} hashes/s on one core)`);
}
console.log('');
const run = await signInThroughput();
console.log(`full console sign-ins (right password, session granted), ${SECONDS} s:`);
console.log(
  `  ${run.total} sign-ins, ${fmt(run.perSecond)} per second, ${fmt(run.perSecond / cores)} per second per core`,
);
console.log('  (Keycloak publishes about 15 password sign-ins per second per vCPU with its default hash)');
