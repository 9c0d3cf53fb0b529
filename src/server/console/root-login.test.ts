import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT_ID, startConsoleWarden } from './test-kit.ts';

test('without WARDEN_ROOT_PASSWORD the first start generates one, prints it once, and it signs in', async () => {
  // An empty variable counts as unset.
  const w = await startConsoleWarden({ WARDEN_ROOT_EMAIL: '', WARDEN_ROOT_PASSWORD: '' });
  try {
    const printed = w.logs.join('\n');
    const email = /email: {4}(\S+)/.exec(printed)?.[1];
    const password = /password: (\S+)/.exec(printed)?.[1];
    assert.equal(email, `root@${ACCOUNT_ID}.warden.invalid`);
    assert.ok(password !== undefined && password.length >= 24, printed);
    assert.equal((await w.browser().signInRoot(password, email)).status, 200);
    assert.equal(
      (await w.browser().signInRoot(password, email.toUpperCase())).status,
      200,
      'email case-insensitive',
    );
    const dir = w.dataDir;
    await w.server.close();
    const again = await startConsoleWarden({ WARDEN_ROOT_EMAIL: '', WARDEN_ROOT_PASSWORD: '' }, dir);
    try {
      assert.doesNotMatch(again.logs.join('\n'), /password:/, 'shown only once');
      assert.equal((await again.browser().signInRoot(password, email)).status, 200);
    } finally {
      await again.server.close();
    }
  } finally {
    await w.stop();
  }
});
