/** The credential report through the real AWS SDK against a real `warden serve`: issue 7. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetCredentialReportCommand,
  GetUserCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { codeAt, timeStep } from '../../src/iam/totp.ts';
import { iamClient, stsClient, type Credentials } from './harness.ts';
import {
  ACCOUNT_ID,
  deniedText,
  expectError,
  startSuite,
  stopSuite,
  userArn,
  userWithKey,
  type Suite,
} from './sdk-kit.ts';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

const PASSWORD = 'Tr0ub4dor&3-report';
/** A report time: ISO 8601 to the second, `+00:00`. */
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

/** Each data row as column name -> value, by user name. */
function rowsOf(csv: string): Map<string, Record<string, string>> {
  const [header, ...rows] = csv.split('\n');
  const names = (header ?? '').split(',');
  return new Map(
    rows.map((row) => {
      const values = row.split(',');
      return [values[0] ?? '', Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']))];
    }),
  );
}

/** Polls until `check` holds (last-use records may be written a moment after the request). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await sleep(100);
  }
  assert.fail(`never: ${what}`);
}

/** What scripts do: call Generate until COMPLETE, then Get. */
async function generateAndGet(iam: IAMClient): Promise<string> {
  let state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
  for (let i = 0; state !== 'COMPLETE' && i < 100; i++) {
    await sleep(100);
    state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
  }
  assert.equal(state, 'COMPLETE');
  const report = await iam.send(new GetCredentialReportCommand({}));
  assert.equal(report.ReportFormat, 'text/csv');
  assert.ok(report.GeneratedTime instanceof Date);
  assert.ok(report.Content instanceof Uint8Array);
  return Buffer.from(report.Content).toString('utf8');
}

/** A console sign-in with the user's password (what password_last_used records). */
async function signIn(endpoint: string, userName: string): Promise<void> {
  const response = await fetch(`${endpoint}/console/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: ACCOUNT_ID, userName, password: PASSWORD }),
  });
  assert.equal(response.status, 200, await response.text());
}

describe('credential report through the AWS SDK', () => {
  let suite: Suite | undefined;
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };

  before(async () => {
    suite = await startSuite();
  });
  after(() => stopSuite(suite));

  it('is ReportNotPresent (410) before any generation', async () => {
    await expectError(s().iam.send(new GetCredentialReportCommand({})), {
      name: 'CredentialReportNotPresentException',
      status: 410,
    });
  });

  it('has the exact header, the root row first, and a row per user with its live credential state', async () => {
    const { iam, warden } = s();
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 90 }));
    await iam.send(new CreateUserCommand({ UserName: 'nopass' }));
    for (const UserName of ['pass-unused', 'pass-used']) {
      await iam.send(new CreateUserCommand({ UserName }));
      await iam.send(new CreateLoginProfileCommand({ UserName, Password: PASSWORD }));
    }
    await signIn(warden.endpoint, 'pass-used');
    await eventually(
      async () =>
        (await iam.send(new GetUserCommand({ UserName: 'pass-used' }))).User?.PasswordLastUsed !== undefined,
      'the sign-in recorded',
    );

    const { credentials: old } = await userWithKey(iam, 'keys');
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'keys', AccessKeyId: old.accessKeyId, Status: 'Inactive' }),
    );
    const second = await iam.send(new CreateAccessKeyCommand({ UserName: 'keys' }));
    const current: Credentials = {
      accessKeyId: second.AccessKey?.AccessKeyId ?? '',
      secretAccessKey: second.AccessKey?.SecretAccessKey ?? '',
    };
    const sts = stsClient(warden.endpoint, current);
    await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    await eventually(
      async () =>
        (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: current.accessKeyId })))
          .AccessKeyLastUsed?.LastUsedDate !== undefined,
      'the key use recorded',
    );

    await iam.send(new CreateUserCommand({ UserName: 'mfa' }));
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa' }));
    const seed = Buffer.from(device.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array()).toString('utf8');
    const step = timeStep(new Date());
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'mfa',
        SerialNumber: device.VirtualMFADevice?.SerialNumber,
        AuthenticationCode1: codeAt(seed, step - 1),
        AuthenticationCode2: codeAt(seed, step),
      }),
    );

    const csv = await generateAndGet(iam);
    const lines = csv.split('\n');
    assert.equal(lines[0], HEADER, 'the header, byte for byte');
    assert.match(
      lines[1] ?? '',
      new RegExp(
        `^<root_account>,arn:aws:iam::${ACCOUNT_ID}:root,[^,]+,not_supported,(no_information|[^,]+),not_supported,not_supported,false,true,`,
      ),
    );
    const rows = rowsOf(csv);
    assert.deepEqual(
      [...rows.keys()],
      ['<root_account>', 'keys', 'mfa', 'nopass', 'pass-unused', 'pass-used'],
    );
    for (const row of rows.values()) {
      assert.equal(Object.keys(row).length, 22);
      assert.match(row.user_creation_time ?? '', TIME);
    }
    const row = (name: string) => rows.get(name) ?? {};

    assert.equal(row('nopass').arn, userArn('nopass'));
    assert.deepEqual(
      [row('nopass').password_enabled, row('nopass').password_last_used, row('nopass').password_last_changed],
      ['false', 'N/A', 'N/A'],
    );
    assert.equal(row('nopass').password_next_rotation, 'N/A');
    assert.deepEqual(
      [row('nopass').access_key_1_active, row('nopass').access_key_1_last_rotated],
      ['false', 'N/A'],
    );

    assert.equal(row('pass-unused').password_enabled, 'true');
    assert.equal(row('pass-unused').password_last_used, 'no_information');
    assert.match(row('pass-unused').password_last_changed ?? '', TIME);
    const changed = new Date(row('pass-unused').password_last_changed ?? '');
    assert.equal(
      row('pass-unused').password_next_rotation,
      `${new Date(changed.getTime() + 90 * 86_400_000).toISOString().slice(0, 19)}+00:00`,
    );
    assert.match(row('pass-used').password_last_used ?? '', TIME);

    assert.equal(row('mfa').mfa_active, 'true');
    assert.equal(row('nopass').mfa_active, 'false');

    const keys = row('keys');
    assert.equal(keys.access_key_1_active, 'false');
    assert.match(keys.access_key_1_last_rotated ?? '', TIME);
    assert.equal(keys.access_key_1_last_used_date, 'N/A');
    assert.equal(keys.access_key_2_active, 'true');
    assert.match(keys.access_key_2_last_used_date ?? '', TIME);
    assert.equal(keys.access_key_2_last_used_region, 'us-east-1');
    assert.equal(keys.access_key_2_last_used_service, 'sts');
    assert.deepEqual(
      [keys.cert_1_active, keys.cert_1_last_rotated, keys.cert_2_active, keys.cert_2_last_rotated],
      ['false', 'N/A', 'false', 'N/A'],
    );
  });

  it('refuses a user without the permissions: AccessDenied on *', async () => {
    const { credentials } = await userWithKey(s().iam, 'no-audit');
    const iam = iamClient(s().warden.endpoint, credentials);
    try {
      const arn = userArn('no-audit');
      await expectError(iam.send(new GenerateCredentialReportCommand({})), {
        name: 'AccessDenied',
        status: 403,
        message: deniedText(arn, 'iam:GenerateCredentialReport', '*'),
      });
      await expectError(iam.send(new GetCredentialReportCommand({})), {
        name: 'AccessDenied',
        status: 403,
        message: deniedText(arn, 'iam:GetCredentialReport', '*'),
      });
    } finally {
      iam.destroy();
    }
  });
});
