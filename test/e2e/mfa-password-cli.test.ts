import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeAt, timeStep } from '../../src/iam/totp.ts';
import { awsCli } from './aws-cli-kit.ts';
import { ACCOUNT_ID, startWarden, type RunningWarden } from './harness.ts';

/**
 * Virtual MFA and the account password policy through the real AWS CLI: the seed file written by
 * `--outfile --bootstrap-method Base32StringSeed`, two codes computed from it, and the policy
 * refusing a weak password.
 */
let warden: RunningWarden;
const aws = awsCli(() => warden.endpoint);
let scratch: string;

before(async () => {
  warden = await startWarden();
  scratch = mkdtempSync(join(tmpdir(), 'warden-mfa-cli-'));
});
after(async () => {
  await warden.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function ok(args: string[]): Promise<string> {
  const result = await aws(args);
  assert.equal(result.code, 0, `aws ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

test('create-virtual-mfa-device --outfile writes the Base32 seed; enable-mfa-device with two codes from it', async () => {
  await ok(['iam', 'create-user', '--user-name', 'alice']);
  const seedFile = join(scratch, 'seed.txt');
  const created = JSON.parse(
    await ok([
      'iam',
      'create-virtual-mfa-device',
      '--virtual-mfa-device-name',
      'alice-phone',
      '--outfile',
      seedFile,
      '--bootstrap-method',
      'Base32StringSeed',
    ]),
  ) as { VirtualMFADevice: { SerialNumber: string } };
  const serial = created.VirtualMFADevice.SerialNumber;
  assert.equal(serial, `arn:aws:iam::${ACCOUNT_ID}:mfa/alice-phone`);
  const seed = readFileSync(seedFile, 'ascii');
  assert.match(seed, /^[A-Z2-7]{64}$/);

  const qrFile = join(scratch, 'qr.png');
  await ok([
    'iam',
    'create-virtual-mfa-device',
    '--virtual-mfa-device-name',
    'spare',
    '--outfile',
    qrFile,
    '--bootstrap-method',
    'QRCodePNG',
  ]);
  assert.deepEqual([...readFileSync(qrFile).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

  const wrong = await aws([
    'iam',
    'enable-mfa-device',
    '--user-name',
    'alice',
    '--serial-number',
    serial,
    '--authentication-code1',
    '000000',
    '--authentication-code2',
    '000001',
  ]);
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /\(InvalidAuthenticationCode\) when calling the EnableMFADevice operation/);

  const step = timeStep(new Date());
  await ok([
    'iam',
    'enable-mfa-device',
    '--user-name',
    'alice',
    '--serial-number',
    serial,
    '--authentication-code1',
    codeAt(seed, step - 1),
    '--authentication-code2',
    codeAt(seed, step),
  ]);
  const listed = JSON.parse(await ok(['iam', 'list-mfa-devices', '--user-name', 'alice'])) as {
    MFADevices: { SerialNumber: string; UserName: string }[];
  };
  assert.deepEqual(
    listed.MFADevices.map((d) => [d.UserName, d.SerialNumber]),
    [['alice', serial]],
  );
  const virtual = JSON.parse(
    await ok(['iam', 'list-virtual-mfa-devices', '--assignment-status', 'Assigned']),
  ) as {
    VirtualMFADevices: { SerialNumber: string; User?: { UserName: string } }[];
  };
  assert.equal(virtual.VirtualMFADevices[0]?.User?.UserName, 'alice');
});

test('update-account-password-policy, then create-login-profile refused with PasswordPolicyViolation', async () => {
  await ok([
    'iam',
    'update-account-password-policy',
    '--minimum-password-length',
    '16',
    '--require-symbols',
    '--require-numbers',
    '--max-password-age',
    '90',
    '--password-reuse-prevention',
    '5',
  ]);
  const policy = JSON.parse(await ok(['iam', 'get-account-password-policy'])) as {
    PasswordPolicy: Record<string, unknown>;
  };
  assert.equal(policy.PasswordPolicy.MinimumPasswordLength, 16);
  assert.equal(policy.PasswordPolicy.ExpirePasswords, true);
  assert.equal(policy.PasswordPolicy.RequireUppercaseCharacters, false);
  await ok(['iam', 'create-user', '--user-name', 'bob']);
  const refused = await aws(['iam', 'create-login-profile', '--user-name', 'bob', '--password', 'Short-1!']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /\(PasswordPolicyViolation\) when calling the CreateLoginProfile operation/);
  assert.match(refused.stderr, /at least 16 characters/);
  await ok(['iam', 'create-login-profile', '--user-name', 'bob', '--password', 'A-Long-Password-123']);
  await ok(['iam', 'delete-account-password-policy']);
  const gone = await aws(['iam', 'get-account-password-policy']);
  assert.match(
    gone.stderr,
    /\(NoSuchEntity\).*The Password Policy with domain name ACCOUNT cannot be found\./,
  );
});
