/**
 * `npm run bench:api`: API throughput of a real Warden server, measured with a raw SigV4-signing
 * HTTP client keeping 2 requests in flight for 10 s per workload. The same client then measures
 * moto's server (when `moto_server` is on PATH) and a bare Node HTTP server answering a constant
 * XML body (the ceiling for this client on this machine). Where `wrk` is installed, it replays one
 * signed GetUser request (valid for 15 minutes) against Warden and the bare server too, since a
 * JavaScript client on 2 cores eats part of the CPU it measures.
 *
 * Prints one line per figure. Options: BENCH_SECONDS (default 10).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request, Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRequest } from '../src/protocol/index.ts';
import { wrkReplay } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 2;
const CREDENTIALS = {
  accessKeyId: 'AKIABENCHBENCHBENCH1',
  secretAccessKey: 'bench/secret/key/for/the/benchmark/only0',
};

interface Target {
  readonly name: string;
  readonly endpoint: string;
  stop(): Promise<void>;
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(endpoint: string, params: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(endpoint);
  const body = new URLSearchParams({ Version: '2010-05-08', ...params }).toString();
  const headers = signRequest({
    method: 'POST',
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    region: 'us-east-1',
    service: 'iam',
    credentials: CREDENTIALS,
    now: new Date(),
  });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function expectOk(endpoint: string, params: Record<string, string>): Promise<string> {
  const { status, body } = await call(endpoint, params);
  if (status !== 200) throw new Error(`${params.Action} answered ${status}: ${body.slice(0, 300)}`);
  return body;
}

/** Runs `operation` from CONCURRENCY loops for SECONDS; returns requests per second. */
async function measure(operation: (worker: number, i: number) => Promise<number>): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  let requests = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) requests += await operation(worker, i);
    }),
  );
  return requests / ((performance.now() - start) / 1000);
}

async function listAll(endpoint: string): Promise<number> {
  let marker: string | undefined;
  let pages = 0;
  do {
    const body = await expectOk(endpoint, {
      Action: 'ListUsers',
      PathPrefix: '/listed/',
      MaxItems: '100',
      ...(marker !== undefined && { Marker: marker }),
    });
    pages++;
    marker = /<IsTruncated>true<\/IsTruncated>/.test(body)
      ? /<Marker>([^<]*)<\/Marker>/.exec(body)?.[1]
      : undefined;
    if (marker !== undefined)
      marker = marker.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  } while (marker !== undefined);
  return pages;
}

async function prepare(endpoint: string): Promise<void> {
  await expectOk(endpoint, { Action: 'CreateUser', UserName: 'bench-user' });
  for (let i = 0; i < 1000; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, j) =>
        expectOk(endpoint, { Action: 'CreateUser', UserName: `listed-${i + j}`, Path: '/listed/' }),
      ),
    );
  }
}

interface Figures {
  getUser: number;
  createUser: number;
  listPages: number;
  pagesPerListing: number;
}

/** Both servers have a reset endpoint (moto's own; Warden's with WARDEN_TEST_HOOKS=1). */
async function reset(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`reset answered ${res.status}`);
}

/** Below AWS's 5000-users quota, which Warden enforces, with both workers counted. */
const CREATES_BEFORE_RESET = 2400;

async function runWorkloads(target: Target): Promise<Figures> {
  await prepare(target.endpoint);
  const getUser = await measure(async () => {
    await expectOk(target.endpoint, { Action: 'GetUser', UserName: 'bench-user' });
    return 1;
  });
  const pagesPerListing = await listAll(target.endpoint);
  const listPages = await measure(() => listAll(target.endpoint));
  await reset(target.endpoint);
  const run = Date.now().toString(36);
  const createUser = await measure(async (worker, i) => {
    if (i > 0 && i % CREATES_BEFORE_RESET === 0) await reset(target.endpoint);
    await expectOk(target.endpoint, { Action: 'CreateUser', UserName: `c-${run}-${worker}-${i}` });
    return 1;
  });
  await reset(target.endpoint);
  await expectOk(target.endpoint, { Action: 'CreateUser', UserName: 'bench-user' }); // for wrk's GetUser
  return { getUser, createUser, listPages, pagesPerListing };
}

function print(name: string, figures: Figures): void {
  console.log(`${name} GetUser: ${figures.getUser.toFixed(0)} requests/s`);
  console.log(`${name} CreateUser: ${figures.createUser.toFixed(0)} requests/s`);
  console.log(
    `${name} ListUsers 1000 users with MaxItems=100: ${figures.listPages.toFixed(0)} requests/s, ` +
      `${figures.pagesPerListing} pages per listing ` +
      `(${(figures.listPages / figures.pagesPerListing).toFixed(1)} full listings/s)`,
  );
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = pattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function startWarden(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, '..', 'bin', 'warden.mjs'), 'serve', '--port', '0', '--data-dir', dataDir],
    {
      env: {
        ...process.env,
        WARDEN_ACCOUNT_ID: '123456789012',
        WARDEN_ROOT_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        WARDEN_ROOT_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        WARDEN_TEST_HOOKS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const match = await waitForOutput(child, /listening on (http:\/\/\S+)/);
  return {
    name: 'warden',
    endpoint: match[1]!,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startMoto(): Promise<Target | undefined> {
  if (spawnSync('sh', ['-c', 'command -v moto_server']).status !== 0) return undefined;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn('moto_server', ['-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForOutput(child, /Running on/);
  return { name: 'moto', endpoint: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

const CONSTANT_XML =
  '<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><Path>/</Path>' +
  '<UserName>bench-user</UserName><UserId>AIDAEXAMPLEEXAMPLE001</UserId>' +
  '<Arn>arn:aws:iam::123456789012:user/bench-user</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></User>' +
  '</GetUserResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId>' +
  '</ResponseMetadata></GetUserResponse>';

/** A bare Node server with a constant answer in its own process, so it gets a core like Warden. */
async function startBareNode(): Promise<Target> {
  const code = `
    const body = ${JSON.stringify(CONSTANT_XML)};
    const server = require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) }); res.end(body); });
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  const match = await waitForOutput(child, /listening on (http:\/\/\S+)/);
  return { name: 'bare-node', endpoint: match[1]!, stop: () => stopChild(child) };
}

/** wrk replaying one signed GetUser request for SECONDS with 2 connections. */
const wrkGetUser = (endpoint: string): number | undefined =>
  wrkReplay(endpoint, CREDENTIALS, { Action: 'GetUser', UserName: 'bench-user' }, SECONDS);

async function main(): Promise<void> {
  console.log(`bench:api — ${CONCURRENCY} concurrent requests, ${SECONDS} s per workload, raw SigV4 client`);
  const warden = await startWarden();
  let wardenFigures: Figures;
  let wardenWrk: number | undefined;
  try {
    wardenFigures = await runWorkloads(warden);
    print('warden', wardenFigures);
    wardenWrk = wrkGetUser(warden.endpoint);
    if (wardenWrk !== undefined)
      console.log(`warden GetUser (wrk, 2 connections): ${wardenWrk.toFixed(0)} requests/s`);
  } finally {
    await warden.stop();
  }

  const bare = await startBareNode();
  try {
    const ceiling = await measure(async () => {
      await expectOk(bare.endpoint, { Action: 'GetUser', UserName: 'bench-user' });
      return 1;
    });
    console.log(`bare-node constant XML: ${ceiling.toFixed(0)} requests/s (ceiling for this client)`);
    console.log(`warden GetUser / bare-node: ${(wardenFigures.getUser / ceiling).toFixed(2)}`);
    const bareWrk = wrkGetUser(bare.endpoint);
    if (bareWrk !== undefined && wardenWrk !== undefined) {
      console.log(`bare-node constant XML (wrk, 2 connections): ${bareWrk.toFixed(0)} requests/s`);
      console.log(`warden GetUser / bare-node (wrk): ${(wardenWrk / bareWrk).toFixed(2)}`);
    }
  } finally {
    await bare.stop();
  }

  const moto = await startMoto();
  if (moto === undefined) {
    console.log('moto: moto_server not on PATH, skipped');
  } else {
    try {
      const motoFigures = await runWorkloads(moto);
      print('moto', motoFigures);
      console.log(`warden/moto GetUser: ${(wardenFigures.getUser / motoFigures.getUser).toFixed(1)}x`);
      console.log(
        `warden/moto CreateUser: ${(wardenFigures.createUser / motoFigures.createUser).toFixed(1)}x`,
      );
      const listings = (f: Figures) => f.listPages / f.pagesPerListing;
      console.log(
        `warden/moto full listings of 1000 users: ${(listings(wardenFigures) / listings(motoFigures)).toFixed(1)}x`,
      );
    } finally {
      await moto.stop();
    }
  }
  agent.destroy();
}

await main();
