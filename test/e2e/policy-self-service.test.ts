/**
 * The self-service patterns AWS documents (issue 4): a user with IAMUserChangePassword changes its
 * own password only; the account password policy's AllowUsersToChangePassword grants the same to
 * everyone; a `${aws:username}` policy lets each user manage its own MFA device and nobody else's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccountPasswordPolicyCommand,
  EnableMFADeviceCommand,
  GetAccountPasswordPolicyCommand,
  ListMFADevicesCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { HOTP, Secret } from 'otpauth';
import { startSuite, stopSuite, userArn, type Suite } from './sdk-kit.ts';
import {
  allow,
  deny,
  destroyCallers,
  doc,
  expectAllowed,
  expectDenied,
  expectOk,
  newCaller,
  putInline,
  type Caller,
} from './policy-kit.ts';

let suite: Suite | undefined;
const s = (): Suite => {
  assert.ok(suite !== undefined, 'server started');
  return suite;
};
const root = () => s().iam;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
});

async function withPassword(name: string, password: string): Promise<Caller> {
  const c = await newCaller(s(), name);
  await root().send(new CreateLoginProfileCommand({ UserName: name, Password: password }));
  return c;
}

const change = (c: Caller, from: string, to: string) =>
  c.iam.send(new ChangePasswordCommand({ OldPassword: from, NewPassword: to }));

describe('IAMUserChangePassword', () => {
  it('lets a user change its own password and nobody else', async () => {
    const alice = await withPassword('pw-alice', 'Alice-First-pass1');
    await withPassword('pw-bob', 'Bob-First-pass1');
    await expectDenied(
      change(alice, 'Alice-First-pass1', 'Alice-Second-pass2'),
      alice,
      'iam:ChangePassword',
      alice.arn,
    );
    await root().send(
      new AttachUserPolicyCommand({
        UserName: alice.name,
        PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword',
      }),
    );
    await expectOk(change(alice, 'Alice-First-pass1', 'Alice-Second-pass2'));
    // The new password is now the one to give as the old one.
    await expectOk(change(alice, 'Alice-Second-pass2', 'Alice-Third-pass3'));
    // Reading the account password policy is part of the grant (NoSuchEntity: there is none).
    await expectAllowed(alice.iam.send(new GetAccountPasswordPolicyCommand({})));
    // Resetting someone else's password is another permission.
    await expectDenied(
      alice.iam.send(new UpdateLoginProfileCommand({ UserName: 'pw-bob', Password: 'Chosen-By-Alice-1' })),
      alice,
      'iam:UpdateLoginProfile',
      userArn('pw-bob'),
    );
    await expectDenied(
      alice.iam.send(
        new UpdateLoginProfileCommand({ UserName: 'pw-alice', Password: 'Reset-Without-Old-1' }),
      ),
      alice,
      'iam:UpdateLoginProfile',
      alice.arn,
    );
  });
});

describe('the account password policy AllowUsersToChangePassword', () => {
  it('lets every user change its own password, unless a Deny says otherwise', async () => {
    const carol = await withPassword('pw-carol', 'Carol-First-pass1');
    const dan = await withPassword('pw-dan', 'Dan-First-pass1');
    await putInline(root(), dan.name, 'NoPasswordChange', doc(deny('iam:ChangePassword')));
    await expectDenied(
      change(carol, 'Carol-First-pass1', 'Carol-Second-pass2'),
      carol,
      'iam:ChangePassword',
      carol.arn,
    );
    await expectDenied(
      carol.iam.send(new GetAccountPasswordPolicyCommand({})),
      carol,
      'iam:GetAccountPasswordPolicy',
      '*',
    );

    await root().send(
      new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true, MinimumPasswordLength: 12 }),
    );
    await expectOk(change(carol, 'Carol-First-pass1', 'Carol-Second-pass2'));
    const policy = await expectOk(carol.iam.send(new GetAccountPasswordPolicyCommand({})));
    assert.equal(policy.PasswordPolicy?.AllowUsersToChangePassword, true);
    await expectDenied(
      change(dan, 'Dan-First-pass1', 'Dan-Second-pass2'),
      dan,
      'iam:ChangePassword',
      dan.arn,
      'explicit-identity',
    );

    await root().send(new DeleteAccountPasswordPolicyCommand({}));
    await expectDenied(
      change(carol, 'Carol-Second-pass2', 'Carol-Third-pass3'),
      carol,
      'iam:ChangePassword',
      carol.arn,
    );
  });
});

describe('MFA self-management with ${aws:username}', () => {
  /** AWS User Guide, "Allows IAM users to self-manage an MFA device" (the MFA-free part). */
  const selfManageMfa = doc(
    allow('iam:CreateVirtualMFADevice', 'arn:aws:iam::*:mfa/${aws:username}'),
    allow(
      ['iam:EnableMFADevice', 'iam:DeactivateMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      'arn:aws:iam::*:user/${aws:username}',
    ),
  );
  const code = (seed: string, step: number): string =>
    HOTP.generate({ secret: Secret.fromBase32(seed), counter: step, digits: 6, algorithm: 'SHA1' });

  let erin: Caller;
  let frank: Caller;
  before(async () => {
    erin = await newCaller(s(), 'mfa-erin');
    frank = await newCaller(s(), 'mfa-frank');
    for (const c of [erin, frank]) await putInline(root(), c.name, 'SelfManageMFA', selfManageMfa);
  });

  it('each user creates, enables, lists and deactivates its own device', async () => {
    await expectDenied(
      erin.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-frank' })),
      erin,
      'iam:CreateVirtualMFADevice',
      'arn:aws:iam::123456789012:mfa/mfa-frank',
    );
    const created = await expectOk(
      erin.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-erin' })),
    );
    const serial = created.VirtualMFADevice?.SerialNumber ?? '';
    assert.equal(serial, 'arn:aws:iam::123456789012:mfa/mfa-erin');
    const seed = Buffer.from(created.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array()).toString('utf8');
    const step = Math.floor(Date.now() / 30_000);
    const enable = (c: Caller, userName: string) =>
      c.iam.send(
        new EnableMFADeviceCommand({
          UserName: userName,
          SerialNumber: serial,
          AuthenticationCode1: code(seed, step - 1),
          AuthenticationCode2: code(seed, step),
        }),
      );
    // Frank may not put Erin's device on Erin, nor Erin put it on Frank.
    await expectDenied(enable(frank, 'mfa-erin'), frank, 'iam:EnableMFADevice', userArn('mfa-erin'));
    await expectDenied(enable(erin, 'mfa-frank'), erin, 'iam:EnableMFADevice', userArn('mfa-frank'));
    await expectOk(enable(erin, 'mfa-erin'));

    const mine = await expectOk(erin.iam.send(new ListMFADevicesCommand({})));
    assert.deepEqual(
      mine.MFADevices?.map((d) => d.SerialNumber),
      [serial],
    );
    await expectDenied(
      frank.iam.send(new ListMFADevicesCommand({ UserName: 'mfa-erin' })),
      frank,
      'iam:ListMFADevices',
      userArn('mfa-erin'),
    );
    await expectDenied(
      frank.iam.send(new DeactivateMFADeviceCommand({ UserName: 'mfa-erin', SerialNumber: serial })),
      frank,
      'iam:DeactivateMFADevice',
      userArn('mfa-erin'),
    );
    await expectOk(
      erin.iam.send(new DeactivateMFADeviceCommand({ UserName: 'mfa-erin', SerialNumber: serial })),
    );
    const none = await expectOk(erin.iam.send(new ListMFADevicesCommand({})));
    assert.deepEqual(none.MFADevices, []);
  });
});
