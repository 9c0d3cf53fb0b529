import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startConsoleWarden, type ConsoleWarden } from './test-kit.ts';

const MINUTE = 60_000;
const PASSWORD = 'Bob-pass-0001';

describe('console sessions: CSRF, idle and absolute expiry', () => {
  let w: ConsoleWarden;
  before(async () => {
    w = await startConsoleWarden({
      WARDEN_SIGNIN_THROTTLE: 'off',
      WARDEN_CONSOLE_IDLE_MINUTES: '10',
      WARDEN_CONSOLE_SESSION_HOURS: '1',
    });
    const root = w.browser();
    await root.signInRoot();
    await root.call('CreateUser', { UserName: 'bob' });
    await root.call('CreateLoginProfile', { UserName: 'bob', Password: PASSWORD });
  });
  after(async () => {
    await w.stop();
    rmSync(w.dataDir, { recursive: true, force: true });
  });

  test('a state-changing call needs the CSRF token; a wrong Origin or Sec-Fetch-Site is refused', async () => {
    const b = w.browser();
    await b.signInRoot();
    const token = b.csrfToken!;
    b.csrfToken = undefined;
    const none = await b.post('call', { action: 'ListUsers' });
    assert.equal(none.status, 403);
    assert.equal(none.body.error?.code, 'CsrfRejected');
    const wrong = await b.post('call', { action: 'ListUsers' }, { 'x-csrf-token': token.replace(/^./, 'x') });
    assert.equal(wrong.status, 403);
    b.csrfToken = token;
    const evil = await b.post('call', { action: 'ListUsers' }, { origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
    assert.match(evil.body.error?.message ?? '', /Origin https:\/\/evil.example/);
    const site = await b.post('call', { action: 'ListUsers' }, { 'sec-fetch-site': 'cross-site' });
    assert.equal(site.status, 403);
    const signIn = await w
      .browser()
      .post('sign-in', { email: 'x', password: 'y' }, { origin: 'https://evil.example' });
    assert.equal(signIn.status, 403, 'login CSRF: sign-in from another origin');
    const form = await b.post('call', 'action=ListUsers', { 'content-type': 'text/plain' });
    assert.equal(form.status, 415, 'a simple (preflight-free) cross-site request cannot be JSON');
    assert.equal(
      (await b.post('call', { action: 'ListUsers' }, { 'sec-fetch-site': 'same-origin' })).status,
      200,
    );
    const signOut = await b.post('sign-out', {}, { 'x-csrf-token': 'nope' });
    assert.equal(signOut.status, 403, 'sign-out is state-changing too');
  });

  test('idle timeout: used within the window it lives on; 10 minutes unused it ends', async () => {
    const b = w.browser();
    await b.signInUser('bob', PASSWORD);
    for (let i = 0; i < 4; i++) {
      w.clock.advance(9 * MINUTE);
      assert.equal((await b.get('whoami')).status, 200, `use ${i}`);
    }
    w.clock.advance(10 * MINUTE);
    assert.equal((await b.get('whoami')).status, 401);
  });

  test('absolute timeout: an hour after sign-in, however busy', async () => {
    const b = w.browser();
    const signedIn = await b.signInUser('bob', PASSWORD);
    assert.equal(
      new Date(signedIn.body.expiresAt as string).getTime() - w.clock.now().getTime(),
      60 * MINUTE,
    );
    for (let i = 0; i < 6; i++) {
      w.clock.advance(9 * MINUTE + 59_000);
      assert.equal((await b.get('whoami')).status, 200);
    }
    w.clock.advance(2 * MINUTE);
    const who = await b.get('whoami');
    assert.equal(who.status, 401);
    assert.equal(who.body.error?.code, 'NotSignedIn');
  });

  test('sessions survive a restart (stored, by hash)', async () => {
    const b = w.browser();
    await b.signInUser('bob', PASSWORD);
    const dir = w.dataDir;
    await w.server.close();
    const again = await startConsoleWarden({ WARDEN_SIGNIN_THROTTLE: 'off' }, dir);
    again.clock.set(w.clock.now());
    try {
      const moved = again.browser();
      for (const [k, v] of b.cookies) moved.cookies.set(k, v);
      assert.equal((await moved.get('whoami')).status, 200);
    } finally {
      await again.server.close();
    }
    w = await startConsoleWarden({ WARDEN_SIGNIN_THROTTLE: 'off' }, dir);
  });
});
