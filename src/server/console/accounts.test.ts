import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ACCOUNT_ID, startConsoleWarden, type ConsoleWarden } from './test-kit.ts';

const SECOND = '222233334444';
const CAROL_PASSWORD = 'Carol-pass-01';
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'warden.mjs');

/** `warden account create` run by the operator on the server's data directory (another process). */
async function createAccount(dataDir: string): Promise<{ email: string; password: string }> {
  return warden(dataDir, 'account', 'create', '--id', SECOND, '--alias', 'team-two');
}

/** Runs the `warden` command on the data directory; the email and password it printed. */
async function warden(dataDir: string, ...args: string[]): Promise<{ email: string; password: string }> {
  const env = { PATH: process.env.PATH ?? '', WARDEN_DATA_DIR: dataDir };
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { env });
  const field = (name: string) => new RegExp(`${name}: +(\\S+)`).exec(stdout)?.[1] ?? '';
  return { email: field('email'), password: field('password') };
}

describe('console sign-in in every account', () => {
  let w: ConsoleWarden;
  let secondRoot: { email: string; password: string };
  before(async () => {
    w = await startConsoleWarden({ WARDEN_SIGNIN_THROTTLE: 'off' });
    secondRoot = await createAccount(w.dataDir);
  });
  after(() => w.stop());

  test("another account's root signs in with its email and acts in its own account", async () => {
    const root = w.browser();
    const answer = await root.signInRoot(secondRoot.password, secondRoot.email);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.match(
      answer.headers.getSetCookie()[0] ?? '',
      new RegExp(`^warden-console=${SECOND}\\.[\\w-]{43};`),
    );
    const who = await root.get('whoami');
    assert.deepEqual(who.body.principal, {
      type: 'root',
      arn: `arn:aws:iam::${SECOND}:root`,
      accountId: SECOND,
      accountAlias: 'team-two',
    });
    await root.call('CreateUser', { UserName: 'carol' });
    await root.call('CreateLoginProfile', { UserName: 'carol', Password: CAROL_PASSWORD });
    const users = (await root.call('ListUsers')).Users as { UserName: string }[];
    assert.deepEqual(
      users.map((u) => u.UserName),
      ['carol'],
    );
    assert.equal((await root.post('sign-out', {})).status, 200);
    assert.equal((await root.get('whoami')).status, 401);
  });

  test('an IAM user signs in with its account id or alias, and only there', async () => {
    for (const account of [SECOND, 'team-two', 'TEAM-TWO']) {
      const b = w.browser();
      const answer = await b.signInUser('carol', CAROL_PASSWORD, account);
      assert.equal(answer.status, 200, `${account}: ${JSON.stringify(answer.body)}`);
      assert.deepEqual(
        [
          (answer.body.principal as { arn: string }).arn,
          (answer.body.principal as { accountId: string }).accountId,
        ],
        [`arn:aws:iam::${SECOND}:user/carol`, SECOND],
      );
    }
    for (const account of [ACCOUNT_ID, 'no-such-alias', '999999999999']) {
      const refused = await w.browser().signInUser('carol', CAROL_PASSWORD, account);
      assert.equal(refused.status, 401, account);
    }
  });

  test("`warden root reset-password --account` resets that account's root only", async () => {
    const reset = await warden(w.dataDir, 'root', 'reset-password', '--account', SECOND);
    assert.equal(reset.email, secondRoot.email);
    assert.equal((await w.browser().signInRoot(secondRoot.password, secondRoot.email)).status, 401);
    const root = w.browser();
    assert.equal((await root.signInRoot(reset.password, secondRoot.email)).status, 200);
    const who = (await root.get('whoami')).body.principal as { arn: string };
    assert.equal(who.arn, `arn:aws:iam::${SECOND}:root`);
    assert.equal((await w.browser().signInRoot()).status, 200, "the first account's root is untouched");
  });

  test("the first account's root is unchanged and sees none of the other account", async () => {
    const root = w.browser();
    assert.equal((await root.signInRoot()).status, 200);
    assert.match(root.cookies.get('warden-console') ?? '', /^[\w-]{43}$/);
    const users = (await root.call('ListUsers')).Users as { UserName: string }[];
    assert.deepEqual(users, []);
  });
});
