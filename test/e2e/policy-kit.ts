/**
 * Helpers shared by the policy-*.test.ts end-to-end suites (issue 4): policy documents, IAM users
 * with their own signed clients, managed and inline policies set up as root, and assertions on
 * AccessDenied in AWS's exact words.
 */
import assert from 'node:assert/strict';
import {
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { iamClient, stsClient, type Credentials } from './harness.ts';
import { ACCOUNT_ID, type Suite } from './sdk-kit.ts';

export const policyArn = (name: string, path = '/'): string =>
  `arn:aws:iam::${ACCOUNT_ID}:policy${path}${name}`;
export const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document (Version 2012-10-17) from its statements, as JSON text. */
export const doc = (...statements: Statement[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const allow = (
  action: string | string[],
  resource: string | string[] = '*',
  condition?: Statement['Condition'],
): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition && { Condition: condition }),
});

export const deny = (
  action: string | string[],
  resource: string | string[] = '*',
  condition?: Statement['Condition'],
): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...(condition && { Condition: condition }),
});

/** An IAM user with an access key and clients signed with it. */
export interface Caller {
  name: string;
  arn: string;
  userId: string;
  credentials: Credentials;
  iam: IAMClient;
  sts: STSClient;
}

/** Creates the user (as root) with a key; its clients are destroyed by `destroyCallers`. */
export async function newCaller(
  suite: Suite,
  name: string,
  options: { path?: string; boundary?: string } = {},
): Promise<Caller> {
  const created = await suite.iam.send(
    new CreateUserCommand({
      UserName: name,
      ...(options.path !== undefined && { Path: options.path }),
      ...(options.boundary !== undefined && { PermissionsBoundary: options.boundary }),
    }),
  );
  const key = await suite.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const user = created.User;
  const { AccessKeyId, SecretAccessKey } = key.AccessKey ?? {};
  assert.ok(user !== undefined && AccessKeyId !== undefined && SecretAccessKey !== undefined);
  const credentials = { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey };
  const caller = {
    name,
    arn: user.Arn ?? '',
    userId: user.UserId ?? '',
    credentials,
    iam: iamClient(suite.warden.endpoint, credentials),
    sts: stsClient(suite.warden.endpoint, credentials),
  };
  callers.push(caller);
  return caller;
}

const callers: Caller[] = [];
export function destroyCallers(): void {
  for (const c of callers.splice(0)) {
    c.iam.destroy();
    c.sts.destroy();
  }
}

/** Creates a customer managed policy as root; returns its ARN. */
export async function createPolicy(
  iam: IAMClient,
  name: string,
  document: string,
  path?: string,
): Promise<string> {
  const out = await iam.send(
    new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document, ...(path && { Path: path }) }),
  );
  assert.ok(out.Policy?.Arn !== undefined);
  return out.Policy.Arn;
}

/** Creates a managed policy and attaches it to the user (as root); returns its ARN. */
export async function attachNew(
  iam: IAMClient,
  userName: string,
  name: string,
  document: string,
): Promise<string> {
  const arn = await createPolicy(iam, name, document);
  await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: arn }));
  return arn;
}

export async function attachToGroup(
  iam: IAMClient,
  groupName: string,
  name: string,
  document: string,
): Promise<string> {
  const arn = await createPolicy(iam, name, document);
  await iam.send(new AttachGroupPolicyCommand({ GroupName: groupName, PolicyArn: arn }));
  return arn;
}

export const putInline = (
  iam: IAMClient,
  userName: string,
  name: string,
  document: string,
): Promise<unknown> =>
  iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: name, PolicyDocument: document }));

/** Why AWS says a call was denied (policy-language.md §9). */
export type Reason = 'no-identity' | 'explicit-identity' | 'no-boundary' | 'explicit-boundary';

export function deniedMessage(callerArn: string, action: string, resource: string, reason: Reason): string {
  const head = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`;
  switch (reason) {
    case 'no-identity':
      return `${head} because no identity-based policy allows the ${action} action`;
    case 'explicit-identity':
      return `${head} with an explicit deny in an identity-based policy`;
    case 'no-boundary':
      return `${head} because no permissions boundary allows the ${action} action`;
    case 'explicit-boundary':
      return `${head} with an explicit deny in a permissions boundary`;
  }
}

interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number };
}

/** Asserts the call is refused with AccessDenied (403) and AWS's exact message. */
export async function expectDenied(
  call: Promise<unknown>,
  caller: { arn: string },
  action: string,
  resource: string,
  reason: Reason = 'no-identity',
): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    const e = error as SdkError;
    assert.equal(e.name, 'AccessDenied', `expected AccessDenied, got ${e.name}: ${e.message}`);
    assert.equal(e.$metadata?.httpStatusCode, 403);
    assert.equal(e.message, deniedMessage(caller.arn, action, resource, reason));
    return true;
  });
}

/**
 * What a call did: 'ok', or the name of the error it met. A call that authorization let through
 * may still fail on its own terms (NoSuchEntity, EntityAlreadyExists...).
 */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

/** Asserts authorization let the call through (success or an error other than AccessDenied). */
export async function expectAllowed<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    const e = error as Error;
    assert.notEqual(e.name, 'AccessDenied', `expected the call to be allowed: ${e.message}`);
    // Refused before authorization: says nothing about the policies.
    assert.ok(!['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken'].includes(e.name), e.message);
    return undefined;
  }
}

/** Asserts the call succeeds, with the error in the failure message if it does not. */
export async function expectOk<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const e = error as Error;
    assert.fail(`expected success, got ${e.name}: ${e.message}`);
  }
}
