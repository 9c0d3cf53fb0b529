/**
 * bench:audit, section "events": request throughput with the audit trail (the event log and the
 * access advisor's tracking) on versus both off (WARDEN_EVENTS, WARDEN_ACCESS_TRACKING). A real
 * `warden serve` (child process) answers a SigV4-signed GetUser from an IAM user with an inline
 * policy (a policy decision with its statement recorded per request), 2 requests in flight for
 * BENCH_SECONDS (default 5) per run; the two settings alternate (on, off, on, off, ...) for
 * BENCH_ROUNDS rounds (default 2) so that the load of a shared machine hits both alike. The best
 * run of each setting is printed, and their ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventDraft, openEventLog } from '../src/audit/index.ts';
import { systemClock } from '../src/core/index.ts';
import { signRequest } from '../src/protocol/index.ts';
import { wrkReplay } from './wrk.ts';

type Print = (what: string, value: string) => void;
interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONCURRENCY = 2;
const ROOT: Credentials = {
  accessKeyId: 'AKIABENCHEVENTSROOT1',
  secretAccessKey: 'bench/events/root/secret/key/only/0000',
};
const BIN = join(import.meta.dirname, '..', 'bin', 'warden.mjs');

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(endpoint: string, credentials: Credentials, params: Record<string, string>): Promise<string> {
  const url = new URL(endpoint);
  const body = new URLSearchParams({ Version: '2010-05-08', ...params }).toString();
  const headers = signRequest({
    method: 'POST',
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    region: 'us-east-1',
    service: 'iam',
    credentials,
    now: new Date(),
  });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(text)
          : reject(new Error(`${params.Action}: ${res.statusCode} ${text}`)),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The child's CPU time so far (user + system), in ms, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat; after "pid (comm) " they are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

async function start(
  events: 'on' | 'off',
): Promise<{ endpoint: string; cpuMs(): number; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-events-'));
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      WARDEN_ACCOUNT_ID: '123456789012',
      WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
      WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
      WARDEN_EVENTS: events,
      WARDEN_ACCESS_TRACKING: events,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`warden exited with ${code}: ${out}`)));
  });
  return {
    endpoint,
    cpuMs: () => cpuMs(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** A user allowed iam:GetUser by an inline policy, with a key. */
async function userKey(endpoint: string): Promise<Credentials> {
  await call(endpoint, ROOT, { Action: 'CreateUser', UserName: 'bench' });
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }],
  };
  await call(endpoint, ROOT, {
    Action: 'PutUserPolicy',
    UserName: 'bench',
    PolicyName: 'read',
    PolicyDocument: JSON.stringify(policy),
  });
  const xml = await call(endpoint, ROOT, { Action: 'CreateAccessKey', UserName: 'bench' });
  const id = /<AccessKeyId>([^<]+)</.exec(xml)?.[1];
  const secret = /<SecretAccessKey>([^<]+)</.exec(xml)?.[1];
  if (id === undefined || secret === undefined) throw new Error('no access key in CreateAccessKey answer');
  return { accessKeyId: id, secretAccessKey: secret };
}

interface Run {
  readonly rate: number;
  /** wrk replaying one signed GetUser (undefined without wrk). */
  readonly wrk: number | undefined;
  /** Server CPU time per request, in ms. */
  readonly cpu: number;
}

async function throughput(events: 'on' | 'off'): Promise<Run> {
  const server = await start(events);
  try {
    const key = await userKey(server.endpoint);
    const get = () => call(server.endpoint, key, { Action: 'GetUser' });
    for (let i = 0; i < 200; i++) await get(); // warm-up: JIT, caches
    const deadline = performance.now() + SECONDS * 1000;
    const cpuBefore = server.cpuMs();
    const begin = performance.now();
    let requests = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          await get();
          requests++;
        }
      }),
    );
    const rate = requests / ((performance.now() - begin) / 1000);
    // The last second's queued events are written by the next flush: wait for it, so it counts.
    await new Promise((r) => setTimeout(r, 1200));
    const cpu = (server.cpuMs() - cpuBefore) / requests;
    return { rate, cpu, wrk: wrkReplay(server.endpoint, key, { Action: 'GetUser' }, SECONDS) };
  } finally {
    await server.stop();
  }
}

export async function run(print: Print): Promise<void> {
  const best = { on: 0, off: 0 };
  const bestWrk = { on: 0, off: 0 };
  const cpu = { on: Infinity, off: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    for (const setting of ['on', 'off'] as const) {
      const r = await throughput(setting);
      print(
        `GetUser, events + tracking ${setting} (round ${round + 1}): req/s, CPU ms/req, wrk req/s`,
        `${r.rate.toFixed(0)}  ${r.cpu.toFixed(3)}  ${r.wrk?.toFixed(0) ?? 'no wrk'}`,
      );
      bestWrk[setting] = Math.max(bestWrk[setting], r.wrk ?? 0);
      best[setting] = Math.max(best[setting], r.rate);
      cpu[setting] = Math.min(cpu[setting], r.cpu);
    }
  }
  print('GetUser req/s, events + tracking on (best run)', best.on.toFixed(0));
  print('GetUser req/s, events + tracking off (best run)', best.off.toFixed(0));
  print('throughput ratio on / off', (best.on / best.off).toFixed(3));
  if (bestWrk.off > 0) {
    print('wrk GetUser req/s, on / off (best runs)', `${bestWrk.on.toFixed(0)} / ${bestWrk.off.toFixed(0)}`);
    print('wrk throughput ratio on / off', (bestWrk.on / bestWrk.off).toFixed(3));
  }
  print('server CPU ms/request, on / off (least)', `${cpu.on.toFixed(3)} / ${cpu.off.toFixed(3)}`);
  print('server CPU ratio on / off', (cpu.on / cpu.off).toFixed(3));
  const perEvent = recordCost(print);
  print('event cost / server CPU per request (events off)', `${((perEvent / cpu.off) * 100).toFixed(1)}%`);
}

/**
 * In this process, CPU time (less sensitive than wall time to a loaded machine): the request
 * path's part (draft, note, finish, record) and a flush's, per event; the best of 3 rounds.
 * Returns their sum in ms.
 */
function recordCost(print: Print): number {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-events-'));
  const path = join(dir, 'events.db');
  const log = openEventLog({ path, clock: systemClock, flushIntervalMs: 3_600_000, batchSize: 1e9 });
  const decision = {
    effect: 'Allow' as const,
    decidedBy: 'identity' as const,
    matched: [
      { policy: 'user\u0000AIDAEXAMPLE\u0000read', kind: 'identity' as const, statement: 0, sid: 'Read' },
    ],
    missingContextKeys: [],
  };
  const who = {
    arn: 'arn:aws:iam::123456789012:user/bench',
    accountId: '123456789012',
    accessKeyId: 'AKIAEX',
  };
  const n = 20_000;
  const cpuUs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / n;
  };
  let record = Infinity;
  let flush = Infinity;
  for (let round = 0; round < 3; round++) {
    let begin = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const draft = new EventDraft(systemClock, {
        requestId: `r${i}`,
        kind: 'api',
        sourceIp: '127.0.0.1',
        userAgent: 'aws-sdk-js/3 bench',
        service: 'iam',
        action: 'GetUser',
      });
      draft.identify(who);
      draft.note({ permission: 'iam:GetUser', resource: who.arn, decision });
      log.record(draft.finish({ status: 200 }));
    }
    record = Math.min(record, cpuUs(begin));
    begin = process.cpuUsage();
    void log.flush();
    flush = Math.min(flush, cpuUs(begin));
  }
  void log.close();
  rmSync(dir, { recursive: true, force: true });
  print('request path: draft + record, CPU per event (us)', record.toFixed(2));
  print(`flush: ${n} events in one transaction, CPU per event (us)`, flush.toFixed(2));
  return (record + flush) / 1000;
}
