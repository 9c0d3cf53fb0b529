import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT_ID, ROOT_PASSWORD, startConsoleWarden, type ConsoleWarden } from './test-kit.ts';

const ALICE_PASSWORD = 'Alice-pass-01';

describe('console sign-in', () => {
  let w: ConsoleWarden;
  before(async () => {
    w = await startConsoleWarden({ WARDEN_SIGNIN_THROTTLE: 'off' });
    const admin = w.browser();
    assert.equal((await admin.signInRoot()).status, 200);
    await admin.call('CreateUser', { UserName: 'alice' });
    await admin.call('CreateLoginProfile', { UserName: 'alice', Password: ALICE_PASSWORD });
    await admin.call('CreateAccountAlias', { AccountAlias: 'acme-dev' });
  });
  after(() => w.stop());

  test('root signs in with its email; whoami names the root and the session', async () => {
    const b = w.browser();
    const answer = await b.signInRoot();
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'signed-in');
    const cookie = answer.headers.getSetCookie()[0] ?? '';
    assert.match(cookie, /^warden-console=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const who = await b.get('whoami');
    assert.equal(who.status, 200);
    assert.deepEqual(who.body.principal, {
      type: 'root',
      arn: `arn:aws:iam::${ACCOUNT_ID}:root`,
      accountId: ACCOUNT_ID,
      accountAlias: 'acme-dev',
    });
    assert.equal(who.body.mfaAuthenticated, false);
  });

  test('an IAM user signs in with the account id or the alias; PasswordLastUsed is recorded', async () => {
    for (const account of [ACCOUNT_ID, 'acme-dev', 'ACME-DEV']) {
      const b = w.browser();
      const answer = await b.signInUser('alice', ALICE_PASSWORD, account);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal((answer.body.principal as { userName: string }).userName, 'alice');
    }
    w.clock.advance(1000);
    const b = w.browser();
    await b.signInUser('ALICE', ALICE_PASSWORD);
    const root = w.browser();
    await root.signInRoot();
    const user = (await root.call('GetUser', { UserName: 'alice' })).User as { PasswordLastUsed: string };
    assert.equal(user.PasswordLastUsed, w.clock.now().toISOString());
  });

  test('wrong password, unknown user, unknown account and a user without a password: one answer', async () => {
    const root = w.browser();
    await root.signInRoot();
    await root.call('CreateUser', { UserName: 'nopassword' });
    const answers = await Promise.all([
      w.browser().signInUser('alice', 'wrong-password'),
      w.browser().signInUser('mallory', ALICE_PASSWORD),
      w.browser().signInUser('alice', ALICE_PASSWORD, '999999999999'),
      w.browser().signInUser('nopassword', ALICE_PASSWORD),
      w.browser().signInRoot('wrong'),
      w.browser().signInRoot(undefined, 'someone@example.com'),
    ]);
    for (const answer of answers) {
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body.error, {
        code: 'InvalidCredentials',
        message: 'Your authentication information is incorrect. Please try again.',
      });
      assert.equal(answer.headers.getSetCookie().length, 0);
    }
  });

  test('signing in again from the same browser ends the previous session', async () => {
    const b = w.browser();
    await b.signInUser('alice', ALICE_PASSWORD);
    const first = new Map(b.cookies);
    await b.signInUser('alice', ALICE_PASSWORD);
    assert.equal((await b.get('whoami')).status, 200);
    const stale = w.browser();
    for (const [k, v] of first) stale.cookies.set(k, v);
    assert.equal((await stale.get('whoami')).status, 401);
  });

  test('sign-out ends the session; the cookie no longer works', async () => {
    const b = w.browser();
    await b.signInUser('alice', ALICE_PASSWORD);
    const cookies = new Map(b.cookies);
    assert.equal((await b.post('sign-out', {})).status, 200);
    assert.equal(b.cookies.size, 0);
    b.cookies.clear();
    for (const [k, v] of cookies) b.cookies.set(k, v);
    const who = await b.get('whoami');
    assert.equal(who.status, 401);
    assert.equal(who.body.error?.code, 'NotSignedIn');
  });

  test('the signed-in root changes its own password (old one checked, AWS default rules)', async () => {
    const b = w.browser();
    await b.signInRoot();
    const change = (oldPassword: string, newPassword: string) =>
      b.post('change-password', { oldPassword, newPassword });
    assert.equal((await change('wrong', 'Root-pass-0002')).body.error?.code, 'AccessDenied');
    const weak = await change(ROOT_PASSWORD, 'weak');
    assert.equal(weak.body.error?.code, 'PasswordPolicyViolation');
    assert.match(weak.body.error?.message ?? '', /at least 8 characters/);
    assert.equal((await change(ROOT_PASSWORD, 'Root-pass-0002')).body.status, 'password-changed');
    assert.equal((await w.browser().signInRoot()).status, 401);
    assert.equal((await w.browser().signInRoot('Root-pass-0002')).status, 200);
    assert.equal((await change('Root-pass-0002', ROOT_PASSWORD)).body.status, 'password-changed');
  });

  test('bad requests: not JSON, missing fields, unknown route', async () => {
    const b = w.browser();
    assert.equal(
      (await b.post('sign-in', 'email=x', { 'content-type': 'application/x-www-form-urlencoded' })).status,
      415,
    );
    assert.equal((await b.post('sign-in', '{not json')).status, 400);
    assert.equal((await b.post('sign-in', { email: 'x' })).status, 400);
    assert.equal((await b.get('nope')).status, 404);
  });
});
