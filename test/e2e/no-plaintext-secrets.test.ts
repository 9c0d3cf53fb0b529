import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { codeAt, timeStep } from '../../src/iam/totp.ts';
import { Browser } from '../../src/server/console/test-kit.ts';
import { iamClient, startWarden, stsClient, tempDataDir, type RunningWarden } from './harness.ts';

/**
 * Issue 6: after a full scenario (users, access keys, login profiles, console sign-ins with MFA, a
 * password change, STS session credentials) neither the database file, nor its WAL, nor the
 * server's output holds any secret in plain text: secret access keys, TOTP seeds, passwords,
 * session tokens and the console's tokens.
 */

const ROOT_EMAIL = 'ops@example.com';
const ROOT_PASSWORD = 'Root-Pass-Plain-7731';

describe('no secret in plain text at rest or in the logs', () => {
  let warden: RunningWarden;
  const data = tempDataDir();
  const secrets = new Map<string, string>();
  let readWhileRunning: Buffer[] = [];

  const files = () =>
    readdirSync(data.dir)
      .filter((f) => f.startsWith('warden.db'))
      .map((f) => join(data.dir, f));

  before(async () => {
    warden = await startWarden({
      dataDir: data.dir,
      env: {
        WARDEN_ROOT_EMAIL: ROOT_EMAIL,
        WARDEN_ROOT_PASSWORD: ROOT_PASSWORD,
        WARDEN_SIGNIN_THROTTLE: 'off',
      },
    });
    secrets.set('root console password', ROOT_PASSWORD);
    const root = new Browser(warden.endpoint);
    assert.equal((await root.signInRoot(ROOT_PASSWORD, ROOT_EMAIL)).status, 200);
    secrets.set('root console session cookie', [...root.cookies.values()][0]!);
    secrets.set('root CSRF token', root.csrfToken!);

    await root.call('CreateUser', { UserName: 'alice' });
    await root.call('CreateLoginProfile', {
      UserName: 'alice',
      Password: 'Alice-Plain-Pass-1',
      PasswordResetRequired: true,
    });
    secrets.set('alice first password', 'Alice-Plain-Pass-1');
    await root.call('UpdateAccountPasswordPolicy', { AllowUsersToChangePassword: true });
    const iam = iamClient(warden.endpoint);
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    secrets.set('alice secret access key', key.SecretAccessKey!);
    await root.call('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'sts',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:GetSessionToken', Resource: '*' }],
      }),
    });

    const device = (await root.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice-phone' }))
      .VirtualMFADevice as { SerialNumber: string; Base32StringSeed: string };
    const seed = Buffer.from(device.Base32StringSeed, 'base64').toString('ascii');
    secrets.set('TOTP seed', seed);
    const step = timeStep(new Date());
    await root.call('EnableMFADevice', {
      UserName: 'alice',
      SerialNumber: device.SerialNumber,
      AuthenticationCode1: codeAt(seed, step - 1),
      AuthenticationCode2: codeAt(seed, step),
    });

    // alice: password, then MFA (the next step's code: the current one was used to enable), then
    // the forced change.
    const alice = new Browser(warden.endpoint);
    const first = await alice.signInUser('alice', 'Alice-Plain-Pass-1', '123456789012');
    assert.equal(first.body.status, 'mfa-required');
    secrets.set('MFA challenge', first.body.challenge as string);
    const mfa = await alice.post('mfa', { challenge: first.body.challenge, code: codeAt(seed, step + 1) });
    assert.equal(mfa.body.status, 'password-change-required', JSON.stringify(mfa.body));
    secrets.set('password-change challenge', mfa.body.challenge as string);
    const changed = await alice.post('change-password', {
      challenge: mfa.body.challenge,
      oldPassword: 'Alice-Plain-Pass-1',
      newPassword: 'Alice-Plain-Pass-2',
    });
    assert.equal(changed.body.status, 'signed-in', JSON.stringify(changed.body));
    secrets.set('alice second password', 'Alice-Plain-Pass-2');
    secrets.set('alice console session cookie', [...alice.cookies.values()][0]!);

    const sts = stsClient(warden.endpoint, {
      accessKeyId: key.AccessKeyId!,
      secretAccessKey: key.SecretAccessKey!,
    });
    const session = (await sts.send(new GetSessionTokenCommand({}))).Credentials!;
    secrets.set('STS session secret', session.SecretAccessKey!);
    secrets.set('STS session token', session.SessionToken!);
    const asSession = stsClient(warden.endpoint, {
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!,
    });
    await asSession.send(new GetCallerIdentityCommand({}));
    // A failed sign-in: the wrong password must not be logged either.
    await new Browser(warden.endpoint).signInUser('alice', 'Wrong-Plain-Guess-9', '123456789012');
    secrets.set('a wrong password', 'Wrong-Plain-Guess-9');

    readWhileRunning = files().map((f) => readFileSync(f));
    assert.ok(
      files().some((f) => f.endsWith('-wal')),
      'the WAL exists while the server runs',
    );
  });

  after(async () => {
    await warden.stop();
    data.remove();
  });

  const assertClean = (label: string, haystack: string) => {
    for (const [name, secret] of secrets) {
      assert.ok(secret.length >= 16, `${name} is long enough to search for`);
      assert.ok(!haystack.includes(secret), `${label} holds the ${name} in plain text`);
    }
  };

  test('the database and its WAL while running, and the database after shutdown', async () => {
    for (const [i, bytes] of readWhileRunning.entries())
      assertClean(`database file ${i} (running)`, bytes.toString('latin1'));
    const all = readWhileRunning.map((b) => b.toString('latin1')).join('');
    assert.match(all, /v2\.[0-9a-f]{16}\./, 'sealed secrets are there, sealed');
    assert.match(all, /scrypt\$32768\$8\$1\$/, 'password hashes are there, hashed');
    await warden.stop();
    for (const file of files()) assertClean(file, readFileSync(file).toString('latin1'));
    assert.ok(existsSync(join(data.dir, 'warden.db')));
  });

  test('the server output', () => {
    assertClean('the server output', warden.output());
    assert.match(warden.output(), /listening on/);
  });
});
