import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { codeAt, timeStep } from '../../iam/totp.ts';
import { ACCOUNT_ID, startConsoleWarden, type Browser, type ConsoleWarden } from './test-kit.ts';

const DAY = 24 * 3600_000;
const MFA_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iam:ListUsers',
      Resource: '*',
      Condition: {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
      },
    },
  ],
});

describe('console sign-in steps: forced password change, expiry, MFA, policies on the call endpoint', () => {
  let w: ConsoleWarden;
  let root: Browser;
  before(async () => {
    w = await startConsoleWarden({ WARDEN_SIGNIN_THROTTLE: 'off' });
    root = w.browser();
    await root.signInRoot();
  });
  after(() => w.stop());

  test('PasswordResetRequired: a single-use step, ChangePassword authorized like any call, then a session', async () => {
    await root.call('CreateUser', { UserName: 'dave' });
    await root.call('CreateLoginProfile', {
      UserName: 'dave',
      Password: 'Dave-first-1',
      PasswordResetRequired: true,
    });
    const b = w.browser();
    const step = await b.signInUser('dave', 'Dave-first-1');
    assert.equal(step.status, 200);
    assert.equal(step.body.status, 'password-change-required');
    assert.equal(step.body.reason, 'reset-required');
    assert.equal(b.cookies.size, 0, 'no session before the change');
    const challenge = step.body.challenge as string;
    const change = { challenge, oldPassword: 'Dave-first-1', newPassword: 'Dave-second-2' };
    const denied = await b.post('change-password', change);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error?.code, 'AccessDenied');
    assert.match(
      denied.body.error?.message ?? '',
      /^User: arn:aws:iam::123456789012:user\/dave is not authorized to perform: iam:ChangePassword/,
    );
    await root.call('UpdateAccountPasswordPolicy', {
      MinimumPasswordLength: 8,
      AllowUsersToChangePassword: true,
    });
    const weak = await b.post('change-password', { ...change, newPassword: 'short' });
    assert.equal(weak.body.error?.code, 'PasswordPolicyViolation');
    const done = await b.post('change-password', change);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'signed-in');
    assert.equal((await w.browser().post('change-password', change)).body.error?.code, 'InvalidChallenge');
    assert.equal((await w.browser().signInUser('dave', 'Dave-second-2')).body.status, 'signed-in');
    assert.equal((await w.browser().signInUser('dave', 'Dave-first-1')).status, 401);
    const own = await b.post('change-password', {
      oldPassword: 'Dave-second-2',
      newPassword: 'Dave-third-3',
    });
    assert.equal(own.status, 200, 'a signed-in user changes its own password');
  });

  test('an expired password must be changed; under HardExpiry only an administrator can reset it', async () => {
    await root.call('UpdateAccountPasswordPolicy', { AllowUsersToChangePassword: true, MaxPasswordAge: 1 });
    w.clock.advance(2 * DAY);
    await root.signInRoot();
    const step = await w.browser().signInUser('dave', 'Dave-third-3');
    assert.equal(step.body.status, 'password-change-required');
    assert.equal(step.body.reason, 'expired');
    await root.call('UpdateAccountPasswordPolicy', {
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 1,
      HardExpiry: true,
    });
    const hard = await w.browser().signInUser('dave', 'Dave-third-3');
    assert.equal(hard.status, 403);
    assert.deepEqual(hard.body.error, {
      code: 'PasswordExpired',
      message: 'Your password has expired and must be reset by an administrator.',
    });
    assert.equal(
      (await w.browser().signInUser('dave', 'wrong')).status,
      401,
      'told only after the right password',
    );
    await root.call('DeleteAccountPasswordPolicy');
  });

  test("a user without policies is denied on the call endpoint with AWS's AccessDenied text", async () => {
    await root.call('CreateUser', { UserName: 'frank' });
    await root.call('CreateLoginProfile', { UserName: 'frank', Password: 'Frank-pass-1' });
    const b = w.browser();
    await b.signInUser('frank', 'Frank-pass-1');
    const denied = await b.post('call', { action: 'ListUsers' });
    assert.equal(denied.status, 403);
    assert.equal(
      denied.body.error?.message,
      `User: arn:aws:iam::${ACCOUNT_ID}:user/frank is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT_ID}:user/ because no identity-based policy allows the iam:ListUsers action`,
    );
    const who = await b.post('call', { action: 'GetCallerIdentity' });
    assert.equal((who.body.result as { Arn: string }).Arn, `arn:aws:iam::${ACCOUNT_ID}:user/frank`);
    const invalid = await b.post('call', { action: 'NoSuchThing' });
    assert.equal(invalid.body.error?.code, 'InvalidAction');
    const validation = await b.post('call', { action: 'GetUser', parameters: { UserName: '' } });
    assert.equal(validation.body.error?.code, 'ValidationError');
  });

  test('MFA: a code of the device is due; replay refused; the session carries MultiFactorAuthPresent/Age', async () => {
    await root.call('CreateUser', { UserName: 'erin' });
    await root.call('CreateLoginProfile', { UserName: 'erin', Password: 'Erin-pass-01' });
    await root.call('PutUserPolicy', { UserName: 'erin', PolicyName: 'mfa-only', PolicyDocument: MFA_ONLY });
    await root.call('PutUserPolicy', { UserName: 'frank', PolicyName: 'mfa-only', PolicyDocument: MFA_ONLY });
    const device = (await root.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'erin-phone' }))
      .VirtualMFADevice as { SerialNumber: string; Base32StringSeed: string };
    const seed = Buffer.from(device.Base32StringSeed, 'base64').toString('ascii');
    const code = (offset = 0) => codeAt(seed, timeStep(w.clock.now()) + offset);
    await root.call('EnableMFADevice', {
      UserName: 'erin',
      SerialNumber: device.SerialNumber,
      AuthenticationCode1: code(-1),
      AuthenticationCode2: code(),
    });
    w.clock.advance(30_000);

    const b = w.browser();
    const step = await b.signInUser('erin', 'Erin-pass-01');
    assert.equal(step.body.status, 'mfa-required');
    assert.equal(b.cookies.size, 0);
    const challenge = step.body.challenge as string;
    const wrong = await b.post('mfa', { challenge, code: code(5) });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error?.code, 'InvalidMfaCode');
    const ok = await b.post('mfa', { challenge, code: code() });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.mfaAuthenticated, true);
    assert.equal((await b.post('mfa', { challenge, code: code() })).body.error?.code, 'InvalidChallenge');

    const again = w.browser();
    const second = await again.signInUser('erin', 'Erin-pass-01');
    const replay = await again.post('mfa', { challenge: second.body.challenge, code: code() });
    assert.equal(replay.body.error?.code, 'InvalidMfaCode', 'a code is accepted once');

    assert.equal((await b.post('call', { action: 'ListUsers' })).status, 200, 'MFA present and fresh');
    const frank = w.browser();
    await frank.signInUser('frank', 'Frank-pass-1');
    assert.equal(
      (await frank.post('call', { action: 'ListUsers' })).status,
      403,
      'no MFA: the condition fails',
    );
    for (let i = 0; i < 7; i++) {
      w.clock.advance(9 * 60_000);
      await b.get('whoami');
    }
    assert.equal(
      (await b.post('call', { action: 'ListUsers' })).status,
      403,
      'MultiFactorAuthAge over an hour',
    );
  });
});
