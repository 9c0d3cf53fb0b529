/**
 * `npm run bench:authorize`: POST /v1/authorize throughput and latency on a real Warden server in
 * this process, through the repository's client (src/client): an Allow (an IAM user's policy) and
 * a Deny (which also seals the encoded authorization message), one request in flight and four.
 * The forwarded request is signed once and reused (valid for its 15-minute window), so the figures
 * are Warden's verification and decision, plus the asking client's own signing.
 *
 * Prints one line per figure. Options: BENCH_SECONDS (default 5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WardenAuthorizer, type AuthorizeInput } from '../src/client/index.ts';
import { resolveConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/server.ts';
import { iamClient, ROOT, ACCOUNT_ID } from '../test/e2e/harness.ts';
import {
  objectArn,
  SERVICE_POLICY,
  signedPut,
  userWithKey,
  WRITER_POLICY,
} from '../test/e2e/authorize-api-kit.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function run(authorizer: WardenAuthorizer, input: AuthorizeInput, inFlight: number) {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      await authorizer.authorize(input);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2);
  return { perSecond: (latencies.length / SECONDS).toFixed(0), p50: at(0.5), p99: at(0.99) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-authorize-'));
const quiet = () => undefined;
const server = await startServer(
  resolveConfig(
    {
      WARDEN_ACCOUNT_ID: ACCOUNT_ID,
      WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
      WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
    },
    { host: '127.0.0.1', port: '0', dataDir },
  ),
  { log: { info: quiet, warn: quiet, error: quiet } },
);
try {
  const iam = iamClient(server.url);
  const service = await userWithKey(iam, 'log-service', SERVICE_POLICY);
  const writer = await userWithKey(iam, 'writer', WRITER_POLICY);
  const authorizer = new WardenAuthorizer({ endpoint: server.url, credentials: service });
  const cases: [string, AuthorizeInput][] = [
    [
      'allow',
      {
        request: await signedPut(writer, { key: 'app/b.log' }),
        action: 's3:PutObject',
        resource: objectArn('app/b.log'),
      },
    ],
    [
      'deny',
      {
        request: await signedPut(writer, { key: 'app/secret/b.log' }),
        action: 's3:PutObject',
        resource: objectArn('app/secret/b.log'),
      },
    ],
  ];
  for (const [name, input] of cases) {
    await run(authorizer, input, 1); // warm-up (caches, JIT)
    for (const inFlight of [1, 4]) {
      const r = await run(authorizer, input, inFlight);
      console.log(
        `authorize ${name}, ${inFlight} in flight: ${r.perSecond} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`,
      );
    }
  }
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
