/**
 * MFA in policies, end to end: the AWS User Guide's "deny everything unless signed in with MFA"
 * policy shuts out long-term keys and lets in a GetSessionToken session made with an MFA code;
 * aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge come from the session.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { HOTP, Secret } from 'otpauth';
import { iamClient } from './harness.ts';
import { startSuite, stopSuite, userArn, type Suite } from './sdk-kit.ts';
import {
  ADMIN,
  allow,
  destroyCallers,
  doc,
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
const clients: IAMClient[] = [];

before(async () => {
  suite = await startSuite();
});
after(async () => {
  for (const c of clients.splice(0)) c.destroy();
  destroyCallers();
  await stopSuite(suite);
});

const code = (seed: string, step: number): string =>
  HOTP.generate({ secret: Secret.fromBase32(seed), counter: step, digits: 6, algorithm: 'SHA1' });

interface Device {
  serial: string;
  seed: string;
  /** The time step of the last code used (never accepted again). */
  used: number;
}

/** Gives the user a virtual MFA device (as root), enabled with the codes of now and just before. */
async function mfaFor(name: string): Promise<Device> {
  const created = await root().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
  const serial = created.VirtualMFADevice?.SerialNumber ?? '';
  const seed = Buffer.from(created.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array()).toString('utf8');
  const step = Math.floor(Date.now() / 30_000);
  await root().send(
    new EnableMFADeviceCommand({
      UserName: name,
      SerialNumber: serial,
      AuthenticationCode1: code(seed, step - 1),
      AuthenticationCode2: code(seed, step),
    }),
  );
  return { serial, seed, used: step };
}

/** Session credentials; with a device, signed in with the next code (inside the ±30 s window). */
async function session(c: Caller, mfa?: Device): Promise<IAMClient> {
  const out = await c.sts.send(
    new GetSessionTokenCommand(
      mfa === undefined ? {} : { SerialNumber: mfa.serial, TokenCode: code(mfa.seed, mfa.used + 1) },
    ),
  );
  const creds = out.Credentials;
  const client = iamClient(s().warden.endpoint, {
    accessKeyId: creds?.AccessKeyId ?? '',
    secretAccessKey: creds?.SecretAccessKey ?? '',
    sessionToken: creds?.SessionToken ?? '',
  });
  clients.push(client);
  return client;
}

/** AWS User Guide: "Allows MFA-authenticated IAM users to manage their own credentials" (the deny). */
const BLOCK_UNLESS_MFA = doc({
  Sid: 'BlockMostAccessUnlessSignedInWithMFA',
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
});

describe('deny unless signed in with MFA', () => {
  it('long-term keys are shut out; a session made with an MFA code is let in', async () => {
    const c = await newCaller(s(), 'mfa-gated');
    await root().send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: ADMIN }));
    await putInline(root(), c.name, 'BlockUnlessMFA', BLOCK_UNLESS_MFA);
    const mfa = await mfaFor(c.name);

    await expectDenied(
      c.iam.send(new ListUsersCommand({})),
      c,
      'iam:ListUsers',
      userArn(''),
      'explicit-identity',
    );
    // The listed exceptions stay open, so the user can set MFA up.
    await expectOk(c.iam.send(new ListMFADevicesCommand({})));

    const withMfa = await session(c, mfa);
    await expectOk(withMfa.send(new ListUsersCommand({})));
  });

  it('a session without MFA may not call IAM at all', async () => {
    const c = await newCaller(s(), 'no-mfa-session');
    await root().send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: ADMIN }));
    const plain = await session(c);
    // What AWS answers (reported in SDK issue threads): the token is refused outright.
    await assert.rejects(plain.send(new ListUsersCommand({})), {
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('aws:MultiFactorAuthAge counts from the MFA sign-in', async () => {
    const c = await newCaller(s(), 'mfa-age');
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow('iam:ListUsers', '*', { NumericLessThan: { 'aws:MultiFactorAuthAge': '300' } }),
        allow('iam:ListMFADevices', '*', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }),
      ),
    );
    const mfa = await mfaFor(c.name);
    await expectDenied(c.iam.send(new ListUsersCommand({})), c, 'iam:ListUsers', userArn(''));
    const fresh = await session(c, mfa);
    await expectOk(fresh.send(new ListUsersCommand({})));
    await assert.rejects(fresh.send(new ListMFADevicesCommand({})), { name: 'AccessDenied' });
  });
});
