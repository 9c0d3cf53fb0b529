import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../core/index.ts';
import type { Logger } from '../../iam/action.ts';
import { resolveConfig } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';

/** A real Warden server in this process with a clock the test moves, and a browser-like client. */

export const ACCOUNT_ID = '123456789012';
export const ROOT_EMAIL = 'ops@example.com';
export const ROOT_PASSWORD = 'Root-pass-0001';
export const T0 = new Date('2026-03-01T10:00:00.000Z');

export interface ConsoleWarden {
  readonly server: RunningServer;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly dataDir: string;
  readonly logs: string[];
  browser(): Browser;
  stop(): Promise<void>;
}

export async function startConsoleWarden(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<ConsoleWarden> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'warden-console-'));
  const clock = fixedClock(T0);
  const logs: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logs.push(`${level} ${message} ${fields === undefined ? '' : JSON.stringify(fields)}`);
  };
  const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const config = resolveConfig(
    {
      WARDEN_ACCOUNT_ID: ACCOUNT_ID,
      WARDEN_ROOT_EMAIL: ROOT_EMAIL,
      WARDEN_ROOT_PASSWORD: ROOT_PASSWORD,
      ...env,
    },
    { host: '127.0.0.1', port: '0', dataDir: dir },
  );
  const server = await startServer(config, { log, clock });
  return {
    server,
    clock,
    dataDir: dir,
    logs,
    browser: () => new Browser(server.url),
    async stop() {
      await server.close();
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown> & { error?: { code: string; message: string } };
  readonly headers: Headers;
}

/** fetch with a cookie jar, the page's Origin, and the CSRF token it was last given. */
export class Browser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  origin: string | undefined;

  constructor(readonly url: string) {
    this.origin = url;
  }

  async get(path: string): Promise<Answer> {
    return this.send('GET', path, undefined);
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('POST', path, body, headers);
  }

  async send(
    method: string,
    path: string,
    body: unknown,
    extra: Record<string, string> = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...extra };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.origin !== undefined && method !== 'GET') headers.origin ??= this.origin;
    if (this.csrfToken !== undefined) headers['x-csrf-token'] ??= this.csrfToken;
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie !== '') headers.cookie = cookie;
    const response = await fetch(`${this.url}/console/api/${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const parsed = (text === '' ? {} : JSON.parse(text)) as Answer['body'];
    if (typeof parsed.csrfToken === 'string') this.csrfToken = parsed.csrfToken;
    return { status: response.status, body: parsed, headers: response.headers };
  }

  signInRoot(password = ROOT_PASSWORD, email = ROOT_EMAIL): Promise<Answer> {
    return this.post('sign-in', { email, password });
  }

  signInUser(userName: string, password: string, account = ACCOUNT_ID): Promise<Answer> {
    return this.post('sign-in', { account, userName, password });
  }

  /** Calls an IAM/STS action as the signed-in principal; throws unless it succeeded. */
  async call(action: string, parameters: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const answer = await this.post('call', { action, parameters });
    if (answer.status !== 200) throw new Error(`${action}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.result as Record<string, unknown>;
  }
}
