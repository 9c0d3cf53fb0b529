import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { adminRequest } from './admin-client.ts';

export const ACCOUNT_ID = '123456789012';
export const ROOT = {
  accessKeyId: 'AKIAROOTTESTKEY00001',
  secretAccessKey: 'root/secret/for/tests/only/0123456789abc',
};

export interface RunningWarden {
  readonly endpoint: string;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

export interface StartOptions {
  dataDir?: string;
  env?: Record<string, string>;
}

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'warden.mjs');

/** A fresh temporary data directory, removed by the returned function. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'warden-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `warden serve` as a real child process on a free port and waits until it listens. */
export async function startWarden(options: StartOptions = {}): Promise<RunningWarden> {
  const dataDir = options.dataDir ?? tempDataDir().dir;
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      WARDEN_ACCOUNT_ID: ACCOUNT_ID,
      WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
      WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = await waitForListening(child, () => output);
  return { endpoint, dataDir, output: () => output, stop: () => stopChild(child) };
}

function waitForListening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warden did not start:\n${output()}`)), 20_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`warden exited with ${code}:\n${output()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const clientConfig = (endpoint: string, credentials: Credentials) => ({
  endpoint,
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
});

export const iamClient = (endpoint: string, credentials: Credentials = ROOT) =>
  new IAMClient(clientConfig(endpoint, credentials));
export const stsClient = (endpoint: string, credentials: Credentials = ROOT) =>
  new STSClient(clientConfig(endpoint, credentials));

/** A second account made through the admin API (`POST /admin/v1/accounts`), with its root's key. */
export interface CreatedAccount {
  readonly accountId: string;
  readonly alias?: string;
  readonly root: Credentials;
}

/** Creates an account through the admin API as `credentials` (default: the first account's root). */
export async function createAccount(
  endpoint: string,
  request: { AccountId?: string; Alias?: string } = {},
  credentials: Credentials = ROOT,
): Promise<CreatedAccount> {
  const answer = await adminRequest(endpoint, credentials, 'POST', '/admin/v1/accounts', request);
  if (answer.status !== 200) throw new Error(`account creation failed: ${JSON.stringify(answer.body)}`);
  const body = answer.body as {
    AccountId: string;
    Alias?: string;
    RootAccessKey: { AccessKeyId: string; SecretAccessKey: string };
  };
  return {
    accountId: body.AccountId,
    ...(body.Alias !== undefined && { alias: body.Alias }),
    root: {
      accessKeyId: body.RootAccessKey.AccessKeyId,
      secretAccessKey: body.RootAccessKey.SecretAccessKey,
    },
  };
}
