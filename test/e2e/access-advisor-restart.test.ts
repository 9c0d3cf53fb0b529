/**
 * Access advisor records across a stop and a start of `warden serve`: what was still in the
 * tracker's memory when SIGTERM came is written on the way out, not lost.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetAccessKeyLastUsedCommand,
  GetServiceLastAccessedDetailsCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { iamClient, ROOT, startWarden, tempDataDir, type RunningWarden } from './harness.ts';
import { ACCOUNT_ID, userWithKey } from './sdk-kit.ts';

const data = tempDataDir();
let warden: RunningWarden | undefined;

describe('access advisor across a restart', () => {
  after(async () => {
    await warden?.stop();
    data.remove();
  });

  it('the uses of the last second are written when the server stops', async () => {
    warden = await startWarden({ dataDir: data.dir });
    const root = iamClient(warden.endpoint);
    const { credentials } = await userWithKey(root, 'carol');
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'carol',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
        }),
      }),
    );
    root.destroy();
    const carol = iamClient(warden.endpoint, credentials);
    // Back to back: the first is written at once, the next ones wait for the second to pass.
    await carol.send(new ListUsersCommand({}));
    await carol.send(new ListGroupsCommand({}));
    await carol.send(new GetUserCommand({}));
    carol.destroy();
    assert.equal(await warden.stop(), 0);

    warden = await startWarden({ dataDir: data.dir });
    const again = iamClient(warden.endpoint);
    const { JobId } = await again.send(
      new GenerateServiceLastAccessedDetailsCommand({
        Arn: `arn:aws:iam::${ACCOUNT_ID}:user/carol`,
        Granularity: 'ACTION_LEVEL',
      }),
    );
    const got = await again.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    again.destroy();
    const iam = got.ServicesLastAccessed?.find((s) => s.ServiceNamespace === 'iam');
    assert.deepEqual(
      iam?.TrackedActionsLastAccessed?.map((a) => a.ActionName),
      ['GetUser', 'ListGroups', 'ListUsers'],
    );
  });

  it("after the test-hooks reset a key's use is recorded again at once", async () => {
    await warden?.stop();
    warden = await startWarden({ env: { WARDEN_TEST_HOOKS: '1' } });
    const root = iamClient(warden.endpoint);
    const lastUsed = async () =>
      (await root.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: ROOT.accessKeyId }))).AccessKeyLastUsed;
    assert.equal((await lastUsed())?.ServiceName, 'iam');
    const reset = await fetch(`${warden.endpoint}/moto-api/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    // The reset wiped the key's record; the next call (this one) is recorded again.
    assert.equal((await lastUsed())?.ServiceName, 'iam');
    root.destroy();
  });
});
