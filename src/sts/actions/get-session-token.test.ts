import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as iam from '../../iam/actions/index.ts';
import { allowStmt, doc, putUserPolicy } from '../../iam/authz/test-kit.ts';
import { harnessWith, wardenError, type Harness } from '../../iam/testing/harness.ts';
import { codeAt, timeStep } from '../../iam/totp.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { callerOfCredentials } from '../testing.ts';
import { AssumeRole } from './assume-role.ts';
import { GetAccessKeyInfo } from './get-access-key-info.ts';
import { GetCallerIdentity } from './get-caller-identity.ts';
import { GetSessionToken } from './get-session-token.ts';

const withHarness = harnessWith(openSqliteStore);
const ACCT = '123456789012';
const SERIAL = `arn:aws:iam::${ACCT}:mfa/alice-phone`;

/** alice with a virtual MFA device enabled; returns the code at a time step. */
async function aliceWithMfa(h: Harness): Promise<(step: number) => string> {
  await h.call(iam.CreateUser, { UserName: 'alice' });
  const created = await h.call(iam.CreateVirtualMFADevice, { VirtualMFADeviceName: 'alice-phone' });
  const seed = Buffer.from(created.VirtualMFADevice.Base32StringSeed).toString('ascii');
  const now = timeStep(h.clock.now());
  await h.call(iam.EnableMFADevice, {
    UserName: 'alice',
    SerialNumber: SERIAL,
    AuthenticationCode1: codeAt(seed, now - 1),
    AuthenticationCode2: codeAt(seed, now),
  });
  h.clock.advance(60_000);
  return (step) => codeAt(seed, step);
}

describe('GetSessionToken', () => {
  test('a user gets a 12-hour session of itself (36 h at most); the root one hour at most, silently', () =>
    withHarness(async (h) => {
      await h.call(iam.CreateUser, { UserName: 'alice' });
      const alice = await h.userCaller('alice');
      const { Credentials } = await h.call(GetSessionToken, {}, alice);
      assert.match(Credentials.AccessKeyId, /^ASIA/);
      assert.deepEqual(Credentials.Expiration, new Date(h.clock.now().getTime() + 43_200_000));
      const long = await h.call(GetSessionToken, { DurationSeconds: 129_600 }, alice);
      assert.deepEqual(long.Credentials.Expiration, new Date(h.clock.now().getTime() + 129_600_000));
      const session = await callerOfCredentials(h, Credentials);
      assert.deepEqual(
        await h.call(GetCallerIdentity, {}, session),
        await h.call(GetCallerIdentity, {}, alice),
      );
      assert.equal(session.session?.mfaAuthenticated, false);
      const root = await h.call(GetSessionToken, { DurationSeconds: 7200 });
      assert.deepEqual(root.Credentials.Expiration, new Date(h.clock.now().getTime() + 3_600_000));
      const rootSession = await callerOfCredentials(h, root.Credentials);
      assert.equal(rootSession.kind, 'root');
      assert.equal((await h.call(GetCallerIdentity, {}, rootSession)).Arn, `arn:aws:iam::${ACCT}:root`);
    }));

  test('not with session credentials', () =>
    withHarness(async (h) => {
      await h.call(iam.CreateUser, { UserName: 'alice' });
      const { Credentials } = await h.call(GetSessionToken, {}, await h.userCaller('alice'));
      const session = await callerOfCredentials(h, Credentials);
      await assert.rejects(
        h.call(GetSessionToken, {}, session),
        wardenError('AccessDenied', 'Cannot call GetSessionToken with session credentials'),
      );
    }));

  test('with MFA the session carries aws:MultiFactorAuthPresent and a growing aws:MultiFactorAuthAge', () =>
    withHarness(async (h) => {
      const code = await aliceWithMfa(h);
      const alice = await h.userCaller('alice');
      const policy = doc(
        allowStmt('iam:ListUsers', '*', {
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
          },
        }),
      );
      await putUserPolicy(h, 'alice', 'mfa', policy);
      await assert.rejects(
        h.call(iam.ListUsers, {}, alice),
        wardenError('AccessDenied', /no identity-based policy/),
      );
      const plain = await callerOfCredentials(h, (await h.call(GetSessionToken, {}, alice)).Credentials);
      await assert.rejects(
        h.call(iam.ListUsers, {}, plain),
        wardenError('AccessDenied', /no identity-based policy/),
      );
      const step = timeStep(h.clock.now());
      await assert.rejects(
        h.call(GetSessionToken, { SerialNumber: SERIAL, TokenCode: code(step + 10) }, alice),
        wardenError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. '),
      );
      const mfa = await h.call(GetSessionToken, { SerialNumber: SERIAL, TokenCode: code(step) }, alice);
      const session = await callerOfCredentials(h, mfa.Credentials);
      await h.call(iam.ListUsers, {}, session);
      // The same code is never accepted twice.
      await assert.rejects(
        h.call(GetSessionToken, { SerialNumber: SERIAL, TokenCode: code(step) }, alice),
        wardenError('AccessDenied', /invalid MFA/),
      );
      h.clock.advance(3600_000);
      await assert.rejects(
        h.call(iam.ListUsers, {}, session),
        wardenError('AccessDenied', /no identity-based policy/),
      );
    }));

  test("an MFA-backed session may assume a role whose trust policy requires MFA; another user's device does not count", () =>
    withHarness(async (h) => {
      const code = await aliceWithMfa(h);
      const alice = await h.userCaller('alice');
      await h.call(iam.CreateRole, {
        RoleName: 'admin',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
      });
      const input = { RoleArn: `arn:aws:iam::${ACCT}:role/admin`, RoleSessionName: 's' };
      await assert.rejects(
        h.call(AssumeRole, input, alice),
        wardenError('AccessDenied', /no role trust policy/),
      );
      const step = timeStep(h.clock.now());
      const direct = await h.call(
        AssumeRole,
        { ...input, SerialNumber: SERIAL, TokenCode: code(step) },
        alice,
      );
      const role = await callerOfCredentials(h, direct.Credentials);
      assert.equal(role.session?.mfaAuthenticated, true);
      h.clock.advance(30_000);
      const mfa = await h.call(GetSessionToken, { SerialNumber: SERIAL, TokenCode: code(step + 1) }, alice);
      const session = await callerOfCredentials(h, mfa.Credentials);
      const chained = await h.call(AssumeRole, input, session);
      assert.equal((await callerOfCredentials(h, chained.Credentials)).session?.mfaAuthenticated, true);
      await h.call(iam.CreateUser, { UserName: 'bob' });
      await assert.rejects(
        h.call(
          AssumeRole,
          { ...input, SerialNumber: SERIAL, TokenCode: code(step + 2) },
          await h.userCaller('bob'),
        ),
        wardenError('AccessDenied', /invalid MFA/),
      );
    }));
});

describe('GetAccessKeyInfo', () => {
  test('the account of a long-term or temporary key, with sts:GetAccessKeyInfo', () =>
    withHarness(async (h) => {
      await h.call(iam.CreateUser, { UserName: 'alice' });
      const key = await h.call(iam.CreateAccessKey, { UserName: 'alice' });
      const alice = await h.userCaller('alice');
      const session = await h.call(GetSessionToken, {}, alice);
      await assert.rejects(
        h.call(GetAccessKeyInfo, { AccessKeyId: key.AccessKey.AccessKeyId }, alice),
        wardenError('AccessDenied', /sts:GetAccessKeyInfo/),
      );
      await putUserPolicy(h, 'alice', 'p', doc(allowStmt('sts:GetAccessKeyInfo')));
      for (const id of [key.AccessKey.AccessKeyId, session.Credentials.AccessKeyId]) {
        assert.deepEqual(await h.call(GetAccessKeyInfo, { AccessKeyId: id }, alice), { Account: ACCT });
      }
      await assert.rejects(
        h.call(GetAccessKeyInfo, { AccessKeyId: 'AKIAUNKNOWNUNKNOWN12' }, alice),
        wardenError('AccessDenied', /not issued by this Warden/),
      );
      // Any id that carries its account is answered from the id, as AWS does (AWS's own example).
      assert.deepEqual(await h.call(GetAccessKeyInfo, { AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }, alice), {
        Account: '609629065308',
      });
    }));
});
