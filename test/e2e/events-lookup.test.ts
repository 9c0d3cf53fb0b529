import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { Browser } from '../../src/server/console/test-kit.ts';
import { adminRequest } from './admin-client.ts';
import { eventsEventually, wardenEvents } from './events-kit.ts';
import { ACCOUNT_ID, iamClient, ROOT, startWarden, type Credentials, type RunningWarden } from './harness.ts';

/**
 * Issue 7, event log: a denied call's request id (what the SDK error carries) leads, through the
 * admin API and through `warden events --request-id`, to the statement and policy that denied it;
 * allowed calls are recorded with the statement that allowed them.
 */

const ROOT_EMAIL = 'ops@example.com';
const ROOT_PASSWORD = 'Root-Pass-For-Events-1';
const USER_ARN = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;

type Json = Record<string, unknown>;
const statementsOf = (e: Json) => e.statements as Json[];

describe('event log: from a request id to the deciding statement', () => {
  let warden: RunningWarden;
  let bob: Credentials;
  let auditor: Credentials;
  let nobody: Credentials;
  let deniedRequestId = '';
  let allowedRequestId = '';

  const keyOf = async (userName: string, policy?: object): Promise<Credentials> => {
    const iam = iamClient(warden.endpoint);
    await iam.send(new CreateUserCommand({ UserName: userName }));
    if (policy !== undefined) {
      await iam.send(
        new PutUserPolicyCommand({
          UserName: userName,
          PolicyName: `${userName}-policy`,
          PolicyDocument: JSON.stringify(policy),
        }),
      );
    }
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  };

  before(async () => {
    warden = await startWarden({
      env: {
        WARDEN_ROOT_EMAIL: ROOT_EMAIL,
        WARDEN_ROOT_PASSWORD: ROOT_PASSWORD,
        WARDEN_SIGNIN_THROTTLE: 'off',
      },
    });
    bob = await keyOf('bob', {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadAndWrite', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
        { Sid: 'NoDeletes', Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
      ],
    });
    auditor = await keyOf('auditor', {
      Version: '2012-10-17',
      Statement: [{ Sid: 'ReadEvents', Effect: 'Allow', Action: 'warden:ListEvents', Resource: '*' }],
    });
    nobody = await keyOf('nobody');
    const asBob = iamClient(warden.endpoint, bob);
    allowedRequestId = (await asBob.send(new GetUserCommand({ UserName: 'bob' }))).$metadata.requestId!;
    const error = await asBob.send(new DeleteUserCommand({ UserName: 'nobody' })).then(
      () => assert.fail('DeleteUser should be denied'),
      (e: { name: string; $metadata: { requestId?: string } }) => e,
    );
    assert.equal(error.name, 'AccessDenied');
    deniedRequestId = error.$metadata.requestId!;
    assert.ok(deniedRequestId.length > 0);
  });

  after(async () => {
    await warden.stop();
  });

  const assertDeniedEvent = (e: Json) => {
    assert.equal(e.requestId, deniedRequestId);
    assert.equal(e.kind, 'api');
    assert.equal(e.accountId, ACCOUNT_ID);
    assert.equal(e.principalArn, USER_ARN('bob'));
    assert.equal(e.accessKeyId, bob.accessKeyId);
    assert.equal(e.service, 'iam');
    assert.equal(e.action, 'DeleteUser');
    assert.deepEqual(e.resources, [USER_ARN('nobody')]);
    assert.equal(e.decision, 'Deny');
    assert.equal(e.decidedBy, 'identity');
    assert.deepEqual(statementsOf(e), [
      {
        policy: 'bob-policy',
        policyType: 'inline',
        owner: (statementsOf(e)[0] as Json).owner,
        kind: 'identity',
        index: 1,
        sid: 'NoDeletes',
      },
    ]);
    assert.match((statementsOf(e)[0] as Json).owner as string, /^user\/AIDA/);
    assert.equal(e.errorCode, 'AccessDenied');
    assert.equal(e.httpStatus, 403);
    assert.equal(typeof e.latencyMs, 'number');
    assert.equal(e.sourceIp, '127.0.0.1');
    assert.match(e.userAgent as string, /aws-sdk-js/);
  };

  test('the admin API finds the denied call by its request id, with the denying statement', async () => {
    const answer = await adminRequest(
      warden.endpoint,
      ROOT,
      'GET',
      `/admin/v1/events?request-id=${deniedRequestId}`,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const events = answer.body.Events as Json[];
    assert.equal(events.length, 1);
    assertDeniedEvent(events[0]!);
    assert.equal(answer.body.IsTruncated, false);
  });

  test('warden events --request-id prints the same event', async () => {
    const events = await eventsEventually(
      warden.dataDir,
      ['--request-id', deniedRequestId],
      (e) => e.length === 1,
    );
    assertDeniedEvent(events[0]!);
  });

  test('an allowed call is recorded as Allow, with the allowing statement', async () => {
    const [e] = await eventsEventually(
      warden.dataDir,
      ['--request-id', allowedRequestId],
      (e) => e.length === 1,
    );
    assert.equal(e!.decision, 'Allow');
    assert.equal(e!.action, 'GetUser');
    assert.equal(e!.httpStatus, 200);
    assert.equal(e!.errorCode, null);
    assert.deepEqual(
      statementsOf(e!).map((s) => [s.policy, s.sid, s.index]),
      [['bob-policy', 'ReadAndWrite', 0]],
    );
  });

  test('a user with no policy: an implicit deny, decided by identity policies, no statement', async () => {
    const error = await iamClient(warden.endpoint, nobody)
      .send(new ListUsersCommand({}))
      .then(
        () => assert.fail('denied'),
        (e: { $metadata: { requestId?: string } }) => e,
      );
    const [e] = await eventsEventually(
      warden.dataDir,
      ['--request-id', error.$metadata.requestId!],
      (e) => e.length === 1,
    );
    assert.equal(e!.decision, 'Deny');
    assert.equal(e!.decidedBy, 'identity');
    assert.deepEqual(e!.statements, []);
  });

  test("the root's calls: Allow decided by root, with the resource", async () => {
    const out = await iamClient(warden.endpoint).send(new GetUserCommand({ UserName: 'bob' }));
    const [e] = await eventsEventually(
      warden.dataDir,
      ['--request-id', out.$metadata.requestId!],
      (e) => e.length === 1,
    );
    assert.equal(e!.principalArn, `arn:aws:iam::${ACCOUNT_ID}:root`);
    assert.equal(e!.decision, 'Allow');
    assert.equal(e!.decidedBy, 'root');
    assert.deepEqual(e!.resources, [USER_ARN('bob')]);
  });

  test('a bad signature is recorded with the key it claimed, and no decision', async () => {
    const forged = iamClient(warden.endpoint, {
      ...bob,
      secretAccessKey: 'not-the-secret-not-the-secret-0000',
    });
    const error = await forged.send(new GetUserCommand({})).then(
      () => assert.fail('refused'),
      (e: { name: string; $metadata: { requestId?: string } }) => e,
    );
    const [e] = await eventsEventually(
      warden.dataDir,
      ['--request-id', error.$metadata.requestId!],
      (e) => e.length === 1,
    );
    assert.equal(e!.errorCode, error.name);
    assert.equal(e!.accessKeyId, bob.accessKeyId);
    assert.equal(e!.principalArn, null);
    assert.equal(e!.decision, 'none');
  });

  test('filters: principal, action, decision and error, as flags and as query parameters', async () => {
    const denied = await eventsEventually(
      warden.dataDir,
      ['--principal', USER_ARN('bob'), '--decision', 'Deny', '--action', 'iam:DeleteUser', '--since', '1h'],
      (e) => e.length >= 1,
    );
    assert.deepEqual(
      denied.map((e) => e.requestId),
      [deniedRequestId],
    );
    const byError = await adminRequest(
      warden.endpoint,
      auditor,
      'GET',
      '/admin/v1/events?error=AccessDenied&max-items=1',
    );
    assert.equal(byError.status, 200, JSON.stringify(byError.body));
    assert.equal((byError.body.Events as Json[]).length, 1);
    assert.equal(byError.body.IsTruncated, true);
    const next = await adminRequest(
      warden.endpoint,
      auditor,
      'GET',
      `/admin/v1/events?error=AccessDenied&max-items=1&marker=${encodeURIComponent(byError.body.Marker as string)}`,
    );
    assert.notEqual(
      (next.body.Events as Json[])[0]!.requestId,
      (byError.body.Events as Json[])[0]!.requestId,
    );
    const bad = await adminRequest(warden.endpoint, auditor, 'GET', '/admin/v1/events?since=yesterday');
    assert.equal(bad.status, 400);
    assert.equal((bad.body.Error as Json).Code, 'ValidationError');
  });

  test("the admin API needs warden:ListEvents and shows only the caller account's events", async () => {
    const refused = await adminRequest(warden.endpoint, bob, 'GET', '/admin/v1/events');
    assert.equal(refused.status, 403);
    assert.equal((refused.body.Error as Json).Code, 'AccessDenied');
    const other = await adminRequest(
      warden.endpoint,
      auditor,
      'GET',
      '/admin/v1/events?account=999999999999',
    );
    assert.equal(other.status, 200);
    const events = other.body.Events as Json[];
    assert.ok(events.length > 0, "the account parameter is not the caller's to choose");
    assert.ok(events.every((e) => e.accountId === ACCOUNT_ID));
  });

  test('admin API calls are events too, with their decision', async () => {
    const refused = await adminRequest(warden.endpoint, bob, 'GET', '/admin/v1/events?max-items=1');
    assert.equal(refused.status, 403);
    const answer = await adminRequest(
      warden.endpoint,
      auditor,
      'GET',
      `/admin/v1/events?kind=admin&request-id=${refused.requestId}`,
    );
    const [e] = answer.body.Events as Json[];
    assert.equal(e!.action, 'GET /admin/v1/events');
    assert.equal(e!.principalArn, USER_ARN('bob'));
    assert.equal(e!.decision, 'Deny');
    assert.deepEqual(e!.resources, [`arn:aws:warden::${ACCOUNT_ID}:events`]);
    const [own] = await eventsEventually(
      warden.dataDir,
      ['--kind', 'admin', '--request-id', answer.requestId],
      (events) => events.length === 1,
    );
    assert.equal(own!.decision, 'Allow');
    assert.deepEqual(
      statementsOf(own!).map((s) => s.sid),
      ['ReadEvents'],
    );
  });

  test('console: sign-in and a denied console call, found by the request id of the JSON error', async () => {
    const iam = iamClient(warden.endpoint);
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    const root = new Browser(warden.endpoint);
    assert.equal((await root.signInRoot(ROOT_PASSWORD, ROOT_EMAIL)).status, 200);
    await root.call('CreateLoginProfile', { UserName: 'carol', Password: 'Carol-Console-Pass-1' });
    const carol = new Browser(warden.endpoint);
    const signedIn = await carol.signInUser('carol', 'Carol-Console-Pass-1', ACCOUNT_ID);
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    const denied = await carol.post('call', { action: 'ListUsers', parameters: {} });
    assert.equal(denied.status, 403);
    const requestId = denied.body.requestId as string;
    const [e] = await eventsEventually(warden.dataDir, ['--request-id', requestId], (e) => e.length === 1);
    assert.equal(e!.kind, 'console');
    assert.equal(e!.action, 'ListUsers');
    assert.equal(e!.principalArn, USER_ARN('carol'));
    assert.equal(e!.decision, 'Deny');
    assert.equal(e!.errorCode, 'AccessDenied');
    const logins = await eventsEventually(
      warden.dataDir,
      ['--kind', 'console-sign-in', '--action', 'ConsoleLogin', '--principal', USER_ARN('carol')],
      (e) => e.length === 1,
    );
    assert.equal(logins[0]!.httpStatus, 200);
    const failed = await new Browser(warden.endpoint).signInUser('carol', 'Wrong-Guess-Pass-77', ACCOUNT_ID);
    const [miss] = await eventsEventually(
      warden.dataDir,
      ['--request-id', failed.body.requestId as string],
      (e) => e.length === 1,
    );
    assert.equal(miss!.errorCode, 'InvalidCredentials');
    assert.equal(miss!.principalArn, null, 'a failed sign-in names no principal');
  });

  test('warden events --follow prints events as they are written', async () => {
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, '..', '..', 'bin', 'warden.mjs'),
        'events',
        '--data-dir',
        warden.dataDir,
        '--follow',
        '--poll-ms',
        '200',
        '--action',
        'CreateGroup',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await iamClient(warden.endpoint).send(new CreateGroupCommand({ GroupName: 'followed' }));
      const deadline = Date.now() + 8000;
      while (!out.includes('"CreateGroup"') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      assert.match(out, /"action":"CreateGroup"/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('warden events: bad flags and a missing log are errors', async () => {
    assert.equal((await wardenEvents(warden.dataDir, ['--decision', 'Maybe'])).code, 2);
    assert.equal((await wardenEvents('/nonexistent-warden-dir', [])).code, 1);
  });
});
