/**
 * POST /v1/authorize refuses what it must, on a real server in this process whose clock the test
 * moves: forged signatures, replays outside the 15-minute window, expired sessions and unknown keys
 * are 200 Denies carrying AWS's error code; an asking service without warden:AuthorizeRequest (or
 * with a bad signature of its own) gets a 403 error. Denied calls are in the event log.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { openEventReader } from '../../src/audit/index.ts';
import type { Clock } from '../../src/core/index.ts';
import { WardenAuthorizer, WardenAuthorizeError, type AuthorizeResult } from '../../src/client/index.ts';
import { resolveConfig } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { ACCOUNT_ID, iamClient, ROOT, stsClient, type Credentials } from './harness.ts';
import {
  objectArn,
  policy,
  SERVICE_POLICY,
  signedPut,
  userWithKey,
  WRITER_POLICY,
} from './authorize-api-kit.ts';

/** Real time plus an offset the test moves (sessions expire without waiting). */
let offsetMs = 0;
// The test is this server's composition root: real time, moved by the test.
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

let server: RunningServer;
let dataDir: string;
let service: Credentials;
let writer: Credentials;
let session: Credentials;
let deployer: Credentials;
let authorizer: WardenAuthorizer;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-authorize-'));
  const config = resolveConfig(
    {
      WARDEN_ACCOUNT_ID: ACCOUNT_ID,
      WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
      WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
    },
    { host: '127.0.0.1', port: '0', dataDir },
  );
  const quiet = () => undefined;
  server = await startServer(config, { log: { info: quiet, warn: quiet, error: quiet }, clock });
  const iam = iamClient(server.url);
  service = await userWithKey(iam, 'log-service', SERVICE_POLICY);
  writer = await userWithKey(iam, 'writer', WRITER_POLICY);
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'Uploader',
      AssumeRolePolicyDocument: policy({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
        Action: 'sts:AssumeRole',
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({ RoleName: 'Uploader', PolicyName: 'upload', PolicyDocument: WRITER_POLICY }),
  );
  deployer = await userWithKey(
    iam,
    'deployer',
    policy({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: `arn:aws:iam::${ACCOUNT_ID}:role/Uploader`,
    }),
  );
  const assumed = await stsClient(server.url, deployer).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/Uploader`,
      RoleSessionName: 'batch',
      DurationSeconds: 900,
    }),
  );
  const c = assumed.Credentials;
  session = {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
  authorizer = asker(service);
});

after(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const asker = (credentials: Credentials) =>
  new WardenAuthorizer({ endpoint: server.url, credentials, now: () => clock.now() });

const put = (key: string) => ({ action: 's3:PutObject', resource: objectArn(key) });

function assertRefused(result: AuthorizeResult, code: string, message?: RegExp): void {
  assert.equal(result.decision, 'Deny');
  assert.equal(result.error?.code, code, JSON.stringify(result));
  assert.equal(result.principal, undefined);
  assert.equal(result.encodedMessage, undefined);
  if (message !== undefined) assert.match(result.error?.message ?? '', message);
}

describe('the forwarded request is refused (a 200 Deny with AWS error code)', () => {
  test('a role session signs for itself: allowed while it lasts', async () => {
    const result = await authorizer.authorize({
      request: await signedPut(session, { key: 'app/s.log', at: clock.now() }),
      ...put('app/s.log'),
    });
    assert.equal(result.decision, 'Allow');
    assert.equal(result.principal?.arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/Uploader/batch`);
    assert.equal(result.principal?.type, 'AssumedRole');
  });

  test('a session policy narrows the role: Deny decided by the session policy outside it', async () => {
    const { Credentials: c } = await stsClient(server.url, deployer).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/Uploader`,
        RoleSessionName: 'narrow',
        Policy: policy({
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::logs/app/narrow/*',
        }),
      }),
    );
    const narrow = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    const ask = (key: string) =>
      signedPut(narrow, { key, at: clock.now() }).then((request) =>
        authorizer.authorize({ request, ...put(key) }),
      );
    assert.equal((await ask('app/narrow/n.log')).decision, 'Allow');
    const outside = await ask('app/wide.log');
    assert.equal(outside.decision, 'Deny');
    assert.equal(outside.reason.decidedBy, 'session');
  });

  test('signed with another secret: SignatureDoesNotMatch', async () => {
    const forged = { ...writer, secretAccessKey: 'not/the/secret/of/this/key/at/all/000000' };
    const result = await authorizer.authorize({
      request: await signedPut(forged, { key: 'app/f.log' }),
      ...put('app/f.log'),
    });
    assertRefused(result, 'SignatureDoesNotMatch', /does not match the signature you provided/);
  });

  test('the path changed after signing: SignatureDoesNotMatch', async () => {
    const request = await signedPut(writer, { key: 'app/a.log' });
    const result = await authorizer.authorize({
      request: { ...request, path: '/logs/app/b.log' },
      ...put('app/b.log'),
    });
    assertRefused(result, 'SignatureDoesNotMatch');
  });

  test('another body than the one signed: XAmzContentSHA256Mismatch', async () => {
    const request = await signedPut(writer, { key: 'app/a.log', body: 'signed' });
    const swapped = { ...request, payloadHash: 'e'.repeat(64) };
    assertRefused(
      await authorizer.authorize({ request: swapped, ...put('app/a.log') }),
      'XAmzContentSHA256Mismatch',
    );
  });

  test('a signature scoped to another service than the action: SignatureDoesNotMatch', async () => {
    const request = await signedPut(writer, { key: 'app/a.log', service: 'sqs' });
    const result = await authorizer.authorize({ request, ...put('app/a.log') });
    assertRefused(result, 'SignatureDoesNotMatch', /Credential should be scoped to correct service: 's3'/);
  });

  test('replayed 16 minutes later: RequestExpired', async () => {
    const at = new Date(clock.now().getTime() - 16 * 60_000);
    const result = await authorizer.authorize({
      request: await signedPut(writer, { key: 'app/r.log', at }),
      ...put('app/r.log'),
    });
    assertRefused(result, 'RequestExpired', /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  test('signed 16 minutes ahead: RequestExpired (not yet current)', async () => {
    const at = new Date(clock.now().getTime() + 16 * 60_000);
    const result = await authorizer.authorize({
      request: await signedPut(writer, { key: 'app/r.log', at }),
      ...put('app/r.log'),
    });
    assertRefused(result, 'RequestExpired', /^Signature not yet current/);
  });

  test('an access key Warden does not know: InvalidClientTokenId', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: writer.secretAccessKey };
    const result = await authorizer.authorize({
      request: await signedPut(unknown, { key: 'app/u.log' }),
      ...put('app/u.log'),
    });
    assertRefused(result, 'InvalidClientTokenId', /The security token included in the request is invalid/);
  });

  test('a session key without its token: InvalidClientTokenId', async () => {
    const { sessionToken: _dropped, ...tokenless } = session;
    const result = await authorizer.authorize({
      request: await signedPut(tokenless, { key: 'app/t.log' }),
      ...put('app/t.log'),
    });
    assertRefused(result, 'InvalidClientTokenId');
  });

  test('an unsigned request: MissingAuthenticationToken', async () => {
    const request = await signedPut(writer, { key: 'app/n.log' });
    const { authorization: _a, ...headers } = request.headers;
    const result = await authorizer.authorize({ request: { ...request, headers }, ...put('app/n.log') });
    assertRefused(result, 'MissingAuthenticationToken');
  });

  test('a role session past its expiry: ExpiredToken', async () => {
    offsetMs = 20 * 60_000;
    try {
      const request = await signedPut(session, { key: 'app/e.log', at: clock.now() });
      const result = await authorizer.authorize({ request, ...put('app/e.log') });
      assertRefused(result, 'ExpiredToken', /The security token included in the request is expired/);
    } finally {
      offsetMs = 0;
    }
  });
});

describe("the asking service's own call is refused (403)", () => {
  const refusedWith =
    (code: string, status = 403) =>
    (error: unknown) => {
      assert.ok(error instanceof WardenAuthorizeError, String(error));
      assert.equal(error.code, code, error.message);
      assert.equal(error.status, status);
      assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/);
      return true;
    };

  test('without warden:AuthorizeRequest: AccessDenied naming the permission', async () => {
    const other = await userWithKey(iamClient(server.url), 'other-service');
    await assert.rejects(
      asker(other).authorize({ request: await signedPut(writer, { key: 'app/a.log' }), ...put('app/a.log') }),
      (error: unknown) => {
        refusedWith('AccessDenied')(error);
        assert.match(
          (error as Error).message,
          new RegExp(
            `user/other-service is not authorized to perform: warden:AuthorizeRequest on resource: arn:aws:s3:::logs/app/a.log`,
          ),
        );
        return true;
      },
    );
  });

  test('asking about an action outside its warden:AuthorizedAction condition: AccessDenied', async () => {
    await assert.rejects(
      authorizer.authorize({
        request: await signedPut(writer, { key: 'app/a.log' }),
        action: 's3:DeleteObject',
        resource: objectArn('app/a.log'),
      }),
      refusedWith('AccessDenied'),
    );
  });

  test('its own signature made with a wrong secret: SignatureDoesNotMatch', async () => {
    const wrong = asker({ ...service, secretAccessKey: 'wrong/secret/wrong/secret/wrong/secret00' });
    await assert.rejects(
      wrong.authorize({ request: await signedPut(writer, { key: 'app/a.log' }), ...put('app/a.log') }),
      refusedWith('SignatureDoesNotMatch'),
    );
  });

  test('the root may ask without a policy', async () => {
    const result = await asker(ROOT).authorize({
      request: await signedPut(writer, { key: 'app/a.log' }),
      ...put('app/a.log'),
    });
    assert.equal(result.decision, 'Allow');
  });
});

/** The event of a request id, once the log's batch has been written (at least every second). */
async function eventOf(requestId: string) {
  const reader = openEventReader(join(dataDir, 'events.db'));
  try {
    for (let i = 0; i < 50; i++) {
      const [event] = reader.query({ requestId }).events;
      if (event !== undefined) return event;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no event for ${requestId}`);
  } finally {
    reader.close();
  }
}

describe('the event log', () => {
  test("a denied decision's request id leads to the event, its principal and its deciding statement", async () => {
    const result = await authorizer.authorize({
      request: await signedPut(writer, { key: 'app/secret/k.log' }),
      ...put('app/secret/k.log'),
    });
    assert.equal(result.decision, 'Deny');
    const event = await eventOf(result.requestId);
    assert.equal(event.kind, 'authorize');
    assert.equal(event.service, 's3');
    assert.equal(event.action, 'PutObject');
    assert.equal(event.decision, 'Deny');
    assert.equal(event.decidedBy, 'identity');
    assert.equal(event.principalArn, `arn:aws:iam::${ACCOUNT_ID}:user/writer`);
    assert.equal(event.accessKeyId, writer.accessKeyId);
    assert.equal(event.sourceIp, '198.51.100.7');
    assert.equal(event.userAgent, 'aws-sdk-js/3 e2e');
    assert.deepEqual(event.resources, ['arn:aws:s3:::logs/app/secret/k.log']);
    assert.deepEqual(
      event.statements.map((s) => s.sid),
      ['NeverSecrets'],
    );
    assert.deepEqual(
      event.checks.map((c) => [c.permission, c.effect]),
      [
        ['warden:AuthorizeRequest', 'Allow'],
        ['s3:PutObject', 'ExplicitDeny'],
      ],
    );
  });

  test('a forwarded request that failed authentication: its claimed key and error, no principal', async () => {
    const forged = { ...writer, secretAccessKey: 'not/the/secret/of/this/key/at/all/000000' };
    const result = await authorizer.authorize({
      request: await signedPut(forged, { key: 'app/f.log' }),
      ...put('app/f.log'),
    });
    const event = await eventOf(result.requestId);
    assert.equal(event.decision, 'Deny');
    assert.equal(event.errorCode, 'SignatureDoesNotMatch');
    assert.equal(event.principalArn, undefined);
    assert.equal(event.accessKeyId, writer.accessKeyId);
    assert.equal(event.status, 200);
  });

  test("the asking service's own failed signature: its claimed key, the connection's address", async () => {
    const wrong = asker({ ...service, secretAccessKey: 'wrong/secret/wrong/secret/wrong/secret00' });
    const error = await wrong
      .authorize({ request: await signedPut(writer, { key: 'app/a.log' }), ...put('app/a.log') })
      .then(
        () => assert.fail('expected a refusal'),
        (e: unknown) => e as WardenAuthorizeError,
      );
    const event = await eventOf(error.requestId ?? '');
    assert.equal(event.errorCode, 'SignatureDoesNotMatch');
    assert.equal(event.status, 403);
    assert.equal(event.accessKeyId, service.accessKeyId);
    assert.equal(event.principalArn, undefined);
    assert.equal(event.sourceIp, '127.0.0.1');
    assert.equal(event.action, 'AuthorizeRequest');
  });
});
