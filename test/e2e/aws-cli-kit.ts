import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, type Credentials } from './harness.ts';

/**
 * The real AWS CLI (`aws` on PATH: the machine's CLI v1 or Debian's CLI v2), run as a user would,
 * against one endpoint, with nothing read from the user's own AWS configuration.
 */
const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface AwsCli {
  (args: string[], credentials?: Credentials): Promise<CliResult>;
  /** Runs and parses the JSON output (`{}` when there is none); fails the test when the command fails. */
  json<T>(this: void, args: string[], credentials?: Credentials): Promise<T>;
}

/** Runs `aws --output json ARGS` with exactly `env`; a failure is a result, not a throw. */
async function runAws(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('aws', ['--output', 'json', ...args], {
      env: { PATH: process.env.PATH ?? '', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * The CLI reading profiles from `dir` (`config` and `credentials`, e.g. a `role_arn` +
 * `source_profile` profile), with AWS_ENDPOINT_URL set so that its own STS calls reach Warden too.
 */
export function awsCliWithProfiles(
  endpoint: () => string,
  dir: () => string,
): (args: string[]) => Promise<CliResult> {
  return (args) =>
    runAws(args, {
      HOME: dir(),
      AWS_CONFIG_FILE: join(dir(), 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir(), 'credentials'),
      AWS_ENDPOINT_URL: endpoint(),
    });
}

export function awsCli(endpoint: () => string): AwsCli {
  const aws = (args: string[], credentials: Credentials = ROOT): Promise<CliResult> =>
    runAws(['--endpoint-url', endpoint(), ...args], {
      HOME: process.env.HOME ?? '',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...(credentials.sessionToken !== undefined && { AWS_SESSION_TOKEN: credentials.sessionToken }),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    });
  return Object.assign(aws, {
    json: async <T>(args: string[], credentials?: Credentials): Promise<T> => {
      const result = await aws(args, credentials);
      assert.equal(result.code, 0, `aws ${args.join(' ')} failed: ${result.stderr}`);
      // Actions without output (DeleteUser, ...) print nothing.
      return (result.stdout.trim() === '' ? {} : JSON.parse(result.stdout)) as T;
    },
  });
}

/** Asserts the CLI's error line: `An error occurred (CODE) when calling the OPERATION operation: ...`. */
export function assertCliError(result: CliResult, code: string, operation: string, message?: RegExp): void {
  assert.notEqual(result.code, 0, 'the command should have failed');
  assert.match(
    result.stderr,
    new RegExp(`An error occurred \\(${code}\\) when calling the ${operation} operation`),
  );
  if (message) assert.match(result.stderr, message);
}
