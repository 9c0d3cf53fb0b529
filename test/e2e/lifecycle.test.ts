import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { iamClient, startWarden, stsClient, tempDataDir } from './harness.ts';

/** Environment for a start that configures no account id and no root key. */
const GENERATED = { WARDEN_ACCOUNT_ID: '', WARDEN_ROOT_ACCESS_KEY_ID: '', WARDEN_ROOT_SECRET_ACCESS_KEY: '' };

function printedRootKey(output: string): { accessKeyId: string; secretAccessKey: string } | undefined {
  const id = /AWS_ACCESS_KEY_ID=(\S+)/.exec(output)?.[1];
  const secret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(output)?.[1];
  return id === undefined || secret === undefined ? undefined : { accessKeyId: id, secretAccessKey: secret };
}

test('first start creates the account and prints a root key once; a restart keeps everything', async () => {
  const data = tempDataDir();
  try {
    const first = await startWarden({ dataDir: data.dir, env: GENERATED });
    const root = printedRootKey(first.output());
    assert.ok(root, `a generated root key is printed:\n${first.output()}`);
    assert.match(root.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.match(first.output(), /do not use root keys day to day/);
    const identity = await stsClient(first.endpoint, root).send(new GetCallerIdentityCommand({}));
    assert.match(identity.Account ?? '', /^\d{12}$/);
    assert.equal(identity.Arn, `arn:aws:iam::${identity.Account}:root`);
    await iamClient(first.endpoint, root).send(new CreateUserCommand({ UserName: 'kept' }));
    assert.equal(statSync(join(data.dir, 'master.key')).mode & 0o777, 0o600);
    assert.equal(await first.stop(), 0, 'SIGTERM shuts down cleanly');

    const second = await startWarden({ dataDir: data.dir, env: GENERATED });
    try {
      assert.equal(printedRootKey(second.output()), undefined, 'no new root key on a later start');
      const again = await stsClient(second.endpoint, root).send(new GetCallerIdentityCommand({}));
      assert.equal(again.Account, identity.Account, 'the account is not recreated');
      const user = await iamClient(second.endpoint, root).send(new GetUserCommand({ UserName: 'kept' }));
      assert.equal(user.User?.UserName, 'kept');
    } finally {
      await second.stop();
    }
  } finally {
    data.remove();
  }
});

test("a configured root key of any printable 3..128 characters is the root's only key", async () => {
  const warden = await startWarden({
    env: {
      WARDEN_ACCOUNT_ID: '000000000000',
      WARDEN_ROOT_ACCESS_KEY_ID: 'test',
      WARDEN_ROOT_SECRET_ACCESS_KEY: 'test',
    },
  });
  try {
    const identity = await stsClient(warden.endpoint, { accessKeyId: 'test', secretAccessKey: 'test' }).send(
      new GetCallerIdentityCommand({}),
    );
    assert.equal(identity.Arn, 'arn:aws:iam::000000000000:root');
    assert.equal(printedRootKey(warden.output()), undefined);
  } finally {
    await warden.stop();
  }
});

test('POST /moto-api/reset wipes every entity but keeps the account and root key (test hooks only)', async () => {
  const hooked = await startWarden({ env: { WARDEN_TEST_HOOKS: '1' } });
  try {
    const iam = iamClient(hooked.endpoint);
    await iam.send(new CreateUserCommand({ UserName: 'temporary' }));
    const reset = await fetch(`${hooked.endpoint}/moto-api/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    const users = await iam.send(new ListUsersCommand({}));
    assert.deepEqual(users.Users, []);
    const identity = await stsClient(hooked.endpoint).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, '123456789012');
  } finally {
    await hooked.stop();
  }

  const plain = await startWarden();
  try {
    const reset = await fetch(`${plain.endpoint}/moto-api/reset`, { method: 'POST' });
    assert.equal(reset.status, 404, 'without WARDEN_TEST_HOOKS=1 there is no reset endpoint');
  } finally {
    await plain.stop();
  }
});
