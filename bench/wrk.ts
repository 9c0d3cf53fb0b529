import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRequest, type SigningCredentials } from '../src/protocol/index.ts';

/**
 * wrk replaying one signed IAM request (a signature stays valid for 15 minutes) for `seconds` with
 * 2 connections: a load generator light enough not to eat the CPU it measures. Requests/s, or
 * undefined where wrk is not installed; throws when any answer is not a 2xx.
 */
export function wrkReplay(
  endpoint: string,
  credentials: SigningCredentials,
  params: Readonly<Record<string, string>>,
  seconds: number,
): number | undefined {
  if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) return undefined;
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
  const dir = mkdtempSync(join(tmpdir(), 'warden-wrk-'));
  const script = join(dir, 'request.lua');
  const lua = [
    `wrk.method = "POST"`,
    `wrk.body = ${JSON.stringify(body)}`,
    ...Object.entries(headers)
      .filter(([name]) => name !== 'host')
      .map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`),
  ].join('\n');
  writeFileSync(script, lua);
  const result = spawnSync('wrk', ['-t1', '-c2', `-d${seconds}s`, '-s', script, endpoint], {
    encoding: 'utf8',
  });
  rmSync(dir, { recursive: true, force: true });
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(result.stdout)?.[1];
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(result.stdout)?.[1];
  if (non2xx !== undefined) throw new Error(`wrk saw ${non2xx} error responses:\n${result.stdout}`);
  return rate === undefined ? undefined : Number(rate);
}
