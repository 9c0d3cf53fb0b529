/**
 * Small helpers shared by the sdk-*.test.ts end-to-end suites: one real server per file, SDK
 * clients signed for any region, AWS-shaped error assertions and raw response capture.
 */
import assert from 'node:assert/strict';
import { IAMClient, CreateAccessKeyCommand, CreateUserCommand, type User } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import {
  ACCOUNT_ID,
  ROOT,
  iamClient,
  startWarden,
  stsClient,
  type Credentials,
  type RunningWarden,
} from './harness.ts';

export { ACCOUNT_ID, ROOT };

/** The server of one test file and root clients for it. */
export interface Suite {
  warden: RunningWarden;
  iam: IAMClient;
  sts: ReturnType<typeof stsClient>;
}

export async function startSuite(): Promise<Suite> {
  const warden = await startWarden();
  return { warden, iam: iamClient(warden.endpoint), sts: stsClient(warden.endpoint) };
}

export async function stopSuite(suite: Suite | undefined): Promise<void> {
  if (suite === undefined) return;
  suite.iam.destroy();
  suite.sts.destroy();
  await suite.warden.stop();
}

/** Clients signing for a region other than the harness's us-east-1. */
export const iamClientIn = (endpoint: string, region: string, credentials: Credentials = ROOT): IAMClient =>
  new IAMClient({ endpoint, region, credentials, maxAttempts: 1 });
export const stsClientIn = (endpoint: string, region: string, credentials: Credentials = ROOT): STSClient =>
  new STSClient({ endpoint, region, credentials, maxAttempts: 1 });

export const userArn = (name: string, path = '/'): string => `arn:aws:iam::${ACCOUNT_ID}:user${path}${name}`;
export const groupArn = (name: string, path = '/'): string =>
  `arn:aws:iam::${ACCOUNT_ID}:group${path}${name}`;
export const ROOT_ARN = `arn:aws:iam::${ACCOUNT_ID}:root`;

/** AWS's text for an implicit deny of an IAM user with no policies (IAM User Guide, access denied). */
export const deniedText = (callerArn: string, action: string, resource: string): string =>
  `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} ` +
  `because no identity-based policy allows the ${action} action`;

/** Unique-ID and key formats (iam-api.md A.3). */
export const USER_ID = /^AIDA[A-Z2-7]{17}$/;
export const GROUP_ID = /^AGPA[A-Z2-7]{17}$/;
export const ACCESS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;
export const SECRET_KEY = /^[A-Za-z0-9/+]{40}$/;

export interface ExpectedError {
  /** The SDK's error name: the modeled exception class, or the bare code for unmodeled errors. */
  name: string;
  status: number;
  message?: string | RegExp;
}

interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number };
}

/** Asserts that `promise` rejects with the SDK error a user would see. */
export async function expectError(promise: Promise<unknown>, expected: ExpectedError): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
    const sdkError = error as SdkError;
    assert.equal(sdkError.name, expected.name, `error name (message: ${sdkError.message})`);
    assert.equal(sdkError.$metadata?.httpStatusCode, expected.status, 'HTTP status');
    if (typeof expected.message === 'string') assert.equal(sdkError.message, expected.message);
    else if (expected.message !== undefined) assert.match(sdkError.message, expected.message);
    return true;
  });
}

/** Asserts a date the server just stamped: a real Date, within a minute of now. */
export function assertRecent(date: Date | undefined, what: string): void {
  assert.ok(date instanceof Date, `${what} is a Date`);
  assert.ok(Math.abs(Date.now() - date.getTime()) < 60_000, `${what} ${date.toISOString()} is recent`);
}

/** Creates a user and an access key for it (as root); returns the user and its credentials. */
export async function userWithKey(
  iam: IAMClient,
  userName: string,
  path?: string,
): Promise<{ user: User; credentials: Credentials }> {
  const created = await iam.send(
    new CreateUserCommand({ UserName: userName, ...(path === undefined ? {} : { Path: path }) }),
  );
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const { AccessKeyId, SecretAccessKey } = key.AccessKey ?? {};
  assert.ok(created.User !== undefined && AccessKeyId !== undefined && SecretAccessKey !== undefined);
  return { user: created.User, credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey } };
}

/** Runs `make(i)` for i in 0..count-1, a few at a time. */
export async function inBatches(
  count: number,
  make: (i: number) => Promise<unknown>,
  width = 10,
): Promise<void> {
  for (let start = 0; start < count; start += width) {
    const batch = Array.from({ length: Math.min(width, count - start) }, (_, k) => make(start + k));
    await Promise.all(batch);
  }
}

/**
 * Records the raw bytes of every response the client receives (successes and errors), so that a
 * test can check what went over the wire and not only what the SDK chose to parse.
 */
export function recordResponses(client: IAMClient): string[] {
  const bodies: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body?: unknown };
      const bytes = await readBody(response.body);
      bodies.push(Buffer.from(bytes).toString('utf8'));
      response.body = bytes;
      return result;
    },
    // Low priority in the deserialize step: runs inside the deserializer, on the raw response.
    { step: 'deserialize', priority: 'low', name: 'wardenRecordRawResponse' },
  );
  return bodies;
}

async function readBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body === undefined || body === null) return new Uint8Array();
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
