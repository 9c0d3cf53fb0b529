/**
 * The test hooks' reset with several accounts: the first account is emptied and keeps its id and
 * root key (as before), every other account is removed with its database; /healthz names the
 * first account throughout.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCOUNT_ID, createAccount, ROOT, startWarden, stsClient, type RunningWarden } from './harness.ts';
import { expectError } from './sdk-kit.ts';

let warden: RunningWarden;
before(async () => {
  warden = await startWarden({ env: { WARDEN_TEST_HOOKS: '1' } });
});
after(() => warden.stop());

test('a reset removes every account but the first', async () => {
  const made = await createAccount(warden.endpoint, { AccountId: '555566667777', Alias: 'to-go' });
  const file = join(warden.dataDir, 'accounts', '555566667777.db');
  assert.ok(existsSync(file));
  const health = async () =>
    (await (await fetch(`${warden.endpoint}/healthz`)).json()) as { accountId: string };
  assert.equal((await health()).accountId, ACCOUNT_ID);

  const reset = await fetch(`${warden.endpoint}/moto-api/reset`, { method: 'POST' });
  assert.equal(reset.status, 200);
  assert.equal(existsSync(file), false);
  assert.equal((await health()).accountId, ACCOUNT_ID);
  const gone = stsClient(warden.endpoint, made.root);
  await expectError(gone.send(new GetCallerIdentityCommand({})), {
    name: 'InvalidClientTokenId',
    status: 403,
  });
  gone.destroy();
  const first = stsClient(warden.endpoint, ROOT);
  assert.equal((await first.send(new GetCallerIdentityCommand({}))).Account, ACCOUNT_ID);
  first.destroy();

  // The id and the alias are free again.
  const again = await createAccount(warden.endpoint, { AccountId: '555566667777', Alias: 'to-go' });
  const back = stsClient(warden.endpoint, again.root);
  assert.equal((await back.send(new GetCallerIdentityCommand({}))).Account, '555566667777');
  back.destroy();
});
