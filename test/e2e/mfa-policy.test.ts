import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListMFADevicesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { codeAt, timeStep } from '../../src/iam/totp.ts';
import { destroyCallers, newCaller, type Caller } from './policy-kit.ts';
import { ACCOUNT_ID, expectError, startSuite, stopSuite, type Suite } from './sdk-kit.ts';

/**
 * The IAM User Guide's "Allows MFA-authenticated IAM users to manage their own MFA device" pattern,
 * end to end: with its long-term key alone the user may only set up its own virtual MFA device;
 * a GetSessionToken session backed by a code from that device carries aws:MultiFactorAuthPresent
 * and may do the rest. The device's seed is read from the blob the SDK hands back.
 */
let suite: Suite;
let alice: Caller;

before(async () => {
  suite = await startSuite();
  alice = await newCaller(suite, 'alice');
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
});

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowListActions',
      Effect: 'Allow',
      Action: ['iam:ListUsers', 'iam:ListVirtualMFADevices'],
      Resource: '*',
    },
    {
      Sid: 'AllowManageOwnVirtualMFADevice',
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice'],
      Resource: 'arn:aws:iam::*:mfa/*',
    },
    {
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: [
        'iam:DeactivateMFADevice',
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ResyncMFADevice',
      ],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
    {
      Sid: 'DenyAllExceptListedIfNoMFA',
      Effect: 'Deny',
      NotAction: [
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ResyncMFADevice',
        'sts:GetSessionToken',
      ],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
});

test('without MFA only the own device can be set up; an MFA session may do the rest', async () => {
  await suite.iam.send(
    new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'mfa', PolicyDocument: POLICY }),
  );
  await expectError(alice.iam.send(new ListUsersCommand({})), {
    name: 'AccessDenied',
    status: 403,
    message: /iam:ListUsers .* with an explicit deny in an identity-based policy/,
  });

  const created = await alice.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }));
  const serial = created.VirtualMFADevice?.SerialNumber ?? '';
  const seed = Buffer.from(created.VirtualMFADevice?.Base32StringSeed ?? []).toString('ascii');
  assert.match(seed, /^[A-Z2-7]{64}$/);
  const step = timeStep(new Date());
  await alice.iam.send(
    new EnableMFADeviceCommand({
      UserName: 'alice',
      SerialNumber: serial,
      AuthenticationCode1: codeAt(seed, step - 1),
      AuthenticationCode2: codeAt(seed, step),
    }),
  );
  assert.equal((await alice.iam.send(new ListMFADevicesCommand({}))).MFADevices?.[0]?.SerialNumber, serial);

  // The enable codes are spent: the next step's code (inside the ±30 s window) opens a session.
  const replay = alice.sts.send(
    new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: codeAt(seed, step) }),
  );
  await expectError(replay, {
    name: 'AccessDenied',
    status: 403,
    message: /MultiFactorAuthentication failed/,
  });
  const session = await alice.sts.send(
    new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: codeAt(seed, step + 1) }),
  );
  const c = session.Credentials;
  assert.ok(c?.AccessKeyId !== undefined && c.SecretAccessKey !== undefined && c.SessionToken !== undefined);
  const credentials = {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
  };
  const mfaIam = new IAMClient({
    endpoint: suite.warden.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  const mfaSts = new STSClient({
    endpoint: suite.warden.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  try {
    assert.equal(
      (await mfaSts.send(new GetCallerIdentityCommand({}))).Arn,
      `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
    );
    const users = await mfaIam.send(new ListUsersCommand({}));
    assert.deepEqual(
      users.Users?.map((u) => u.UserName),
      ['alice'],
    );
    // The same code cannot open a second session.
    await expectError(
      alice.sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: codeAt(seed, step + 1) })),
      { name: 'AccessDenied', status: 403, message: /MultiFactorAuthentication failed/ },
    );
    // With MFA the user may also deactivate its device (not allowed without, per the policy).
    await expectError(alice.iam.send(new DeactivateMFADeviceCommand({ SerialNumber: serial })), {
      name: 'AccessDenied',
      status: 403,
      message: /explicit deny/,
    });
    await mfaIam.send(new DeactivateMFADeviceCommand({ SerialNumber: serial }));
  } finally {
    mfaIam.destroy();
    mfaSts.destroy();
  }
});
