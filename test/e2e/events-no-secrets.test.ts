import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GetUserCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { openEventReader } from '../../src/audit/index.ts';
import { Browser } from '../../src/server/console/test-kit.ts';
import { ACCOUNT_ID, iamClient, startWarden, stsClient, tempDataDir, type RunningWarden } from './harness.ts';

/**
 * Issue 7: no event holds a secret. A sweep through everything that carries one (passwords set,
 * changed and guessed wrong, access keys, STS session credentials, MFA seeds, console sessions,
 * a session policy's text), then the raw bytes of events.db and its WAL are searched for each.
 */

const ROOT_EMAIL = 'ops@example.com';
const ROOT_PASSWORD = 'Root-Events-Plain-Pass-1';
const POLICY_MARKER = 'session-policy-body-marker-8c1f2e';

describe('no secret, password or token in the event log', () => {
  let warden: RunningWarden;
  const data = tempDataDir();
  const secrets = new Map<string, string>();
  let daveKeyId = '';

  const eventFiles = () =>
    readdirSync(data.dir)
      .filter((f) => f.startsWith('events.db'))
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
    const iam = iamClient(warden.endpoint);
    await iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }));
    await iam.send(new CreateUserCommand({ UserName: 'dave' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'dave',
        PolicyName: 'dave-policy',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'sts:*'], Resource: '*' }],
        }),
      }),
    );
    await iam.send(new CreateLoginProfileCommand({ UserName: 'dave', Password: 'Dave-Plain-Password-1' }));
    secrets.set('dave first password', 'Dave-Plain-Password-1');
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'dave', Password: 'Dave-Plain-Password-2' }));
    secrets.set('dave second password', 'Dave-Plain-Password-2');
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'dave' }))).AccessKey!;
    secrets.set('dave secret access key', key.SecretAccessKey!);
    daveKeyId = key.AccessKeyId!;
    const dave = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    await iamClient(warden.endpoint, dave).send(
      new ChangePasswordCommand({
        OldPassword: 'Dave-Plain-Password-2',
        NewPassword: 'Dave-Plain-Password-3',
      }),
    );
    secrets.set('dave third password', 'Dave-Plain-Password-3');
    // A wrong old password is refused: it is a password too.
    await iamClient(warden.endpoint, dave)
      .send(
        new ChangePasswordCommand({
          OldPassword: 'Dave-Wrong-Old-Pass-9',
          NewPassword: 'Dave-Plain-Password-4',
        }),
      )
      .catch(() => undefined);
    secrets.set('a wrong old password', 'Dave-Wrong-Old-Pass-9');
    secrets.set('a refused new password', 'Dave-Plain-Password-4');

    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dave-phone' })))
      .VirtualMFADevice!;
    secrets.set('TOTP seed', Buffer.from(device.Base32StringSeed!).toString('ascii'));

    const sts = stsClient(warden.endpoint, dave);
    const session = (await sts.send(new GetSessionTokenCommand({}))).Credentials!;
    secrets.set('session secret', session.SecretAccessKey!);
    secrets.set('session token', session.SessionToken!);
    const asSession = {
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!,
    };
    await stsClient(warden.endpoint, asSession).send(new GetCallerIdentityCommand({}));

    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: 'worker',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:user/dave` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    const assumed = (
      await sts.send(
        new AssumeRoleCommand({
          RoleArn: role.Role!.Arn!,
          RoleSessionName: 'sweep',
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'iam:ListUsers',
                Resource: '*',
                Condition: { StringEquals: { 'aws:UserAgent': POLICY_MARKER } },
              },
            ],
          }),
        }),
      )
    ).Credentials!;
    secrets.set('role session secret', assumed.SecretAccessKey!);
    secrets.set('role session token', assumed.SessionToken!);
    secrets.set('session policy text', POLICY_MARKER);
    const asRole = {
      accessKeyId: assumed.AccessKeyId!,
      secretAccessKey: assumed.SecretAccessKey!,
      sessionToken: assumed.SessionToken!,
    };
    // Denied by the session policy (and the role has no policy): the decision is recorded.
    await iamClient(warden.endpoint, asRole)
      .send(new ListUsersCommand({}))
      .catch(() => undefined);
    await iamClient(warden.endpoint, asRole)
      .send(new GetUserCommand({ UserName: 'dave' }))
      .catch(() => undefined);

    const root = new Browser(warden.endpoint);
    assert.equal((await root.signInRoot(ROOT_PASSWORD, ROOT_EMAIL)).status, 200);
    secrets.set('root console cookie', [...root.cookies.values()][0]!);
    secrets.set('root CSRF token', root.csrfToken!);
    await root.call('ListUsers');
    const user = new Browser(warden.endpoint);
    const signedIn = await user.signInUser('dave', 'Dave-Plain-Password-3', ACCOUNT_ID);
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    secrets.set('dave console cookie', [...user.cookies.values()][0]!);
    await user.post('change-password', {
      oldPassword: 'Dave-Plain-Password-3',
      newPassword: 'Dave-Plain-Password-5',
    });
    secrets.set('dave fifth password', 'Dave-Plain-Password-5');
    await new Browser(warden.endpoint).signInUser('dave', 'Dave-Wrong-Guess-Pass-6', ACCOUNT_ID);
    secrets.set('a wrong sign-in password', 'Dave-Wrong-Guess-Pass-6');
    // The password typed in the user name field (a classic slip) must not be logged either.
    await new Browser(warden.endpoint).signInUser('Dave-Pass-In-Name-Field-7', 'x', ACCOUNT_ID);
    secrets.set('a password typed as a user name', 'Dave-Pass-In-Name-Field-7');
  });

  after(async () => {
    await warden.stop();
    data.remove();
  });

  test('events.db and its WAL hold none of them after shutdown, and the sweep was recorded', async () => {
    assert.equal(await warden.stop(), 0);
    const files = eventFiles();
    assert.ok(files.length > 0);
    // The search is meaningful: what identifies a caller is there, in plain bytes.
    assert.ok(readFileSync(join(data.dir, 'events.db')).toString('latin1').includes(daveKeyId));
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      for (const [name, secret] of secrets) {
        assert.ok(secret.length >= 16, `${name} is long enough to search for`);
        assert.ok(!bytes.includes(secret), `${file} holds the ${name}`);
      }
    }
    const reader = openEventReader(join(data.dir, 'events.db'));
    try {
      const { events } = reader.query({}, { limit: 1000 });
      const actions = new Set(events.map((e) => `${e.service}:${e.action}`));
      for (const wanted of [
        'iam:CreateLoginProfile',
        'iam:ChangePassword',
        'sts:GetSessionToken',
        'sts:AssumeRole',
        'signin:ConsoleLogin',
        'signin:ChangePassword',
      ]) {
        assert.ok(actions.has(wanted), `${wanted} recorded (${[...actions].join(' ')})`);
      }
      const sessionDenial = events.find(
        (e) => e.action === 'ListUsers' && e.principalArn?.includes('assumed-role'),
      );
      assert.equal(sessionDenial?.decision, 'Deny');
    } finally {
      reader.close();
    }
  });
});
