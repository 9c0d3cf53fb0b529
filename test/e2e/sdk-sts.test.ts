/** STS GetCallerIdentity through the real AWS SDK against a real `warden serve`: issue 2, "STS". */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { User } from '@aws-sdk/client-iam';
import type { Credentials } from './harness.ts';
import {
  ACCOUNT_ID,
  ROOT,
  ROOT_ARN,
  expectError,
  startSuite,
  stopSuite,
  stsClientIn,
  userWithKey,
  type Suite,
} from './sdk-kit.ts';

describe('GetCallerIdentity through the AWS SDK', () => {
  let suite: Suite | undefined;
  let alice: { user: User; credentials: Credentials } | undefined;
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };
  const aliceKey = (): Credentials => {
    assert.ok(alice !== undefined, 'alice created');
    return alice.credentials;
  };
  const callerIn = async (region: string, credentials: Credentials) => {
    const client = stsClientIn(s().warden.endpoint, region, credentials);
    try {
      return await client.send(new GetCallerIdentityCommand({}));
    } finally {
      client.destroy();
    }
  };

  before(async () => {
    suite = await startSuite();
    alice = await userWithKey(suite.iam, 'alice', '/division/team/');
  });
  after(() => stopSuite(suite));

  it('names the root for the root’s key', async () => {
    const out = await s().sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.Account, ACCOUNT_ID);
    assert.equal(out.Arn, ROOT_ARN);
    assert.equal(out.UserId, ACCOUNT_ID);
  });

  it('names the IAM user, with its path and unique id, for the user’s own key', async () => {
    const out = await callerIn('us-east-1', aliceKey());
    assert.equal(out.Account, ACCOUNT_ID);
    assert.equal(out.Arn, `arn:aws:iam::${ACCOUNT_ID}:user/division/team/alice`);
    assert.equal(out.UserId, alice?.user.UserId);
  });

  it('answers the same from a client signing for another region of the aws partition', async () => {
    const user = await callerIn('eu-west-1', aliceKey());
    assert.equal(user.Arn, `arn:aws:iam::${ACCOUNT_ID}:user/division/team/alice`);
    const root = await callerIn('ap-northeast-1', ROOT);
    assert.equal(root.Arn, ROOT_ARN);
  });

  it('uses the partition of the signing region in the ARN', async () => {
    const cn = await callerIn('cn-north-1', aliceKey());
    assert.equal(cn.Arn, `arn:aws-cn:iam::${ACCOUNT_ID}:user/division/team/alice`);
    assert.equal(cn.Account, ACCOUNT_ID);
    assert.equal(cn.UserId, alice?.user.UserId);
    const cnRoot = await callerIn('cn-northwest-1', ROOT);
    assert.equal(cnRoot.Arn, `arn:aws-cn:iam::${ACCOUNT_ID}:root`);
    const gov = await callerIn('us-gov-west-1', aliceKey());
    assert.equal(gov.Arn, `arn:aws-us-gov:iam::${ACCOUNT_ID}:user/division/team/alice`);
  });

  it('refuses an unknown key and a wrong secret in AWS words', async () => {
    await expectError(
      callerIn('us-east-1', { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'x'.repeat(40) }),
      {
        name: 'InvalidClientTokenId',
        status: 403,
        message: 'The security token included in the request is invalid.',
      },
    );
    await expectError(
      callerIn('us-east-1', { accessKeyId: aliceKey().accessKeyId, secretAccessKey: 'y'.repeat(40) }),
      {
        name: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'The request signature we calculated does not match the signature you provided. ' +
          'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      },
    );
  });

  it('gives every response, success or error, its own request id', async () => {
    const a = await s().sts.send(new GetCallerIdentityCommand({}));
    const b = await s().sts.send(new GetCallerIdentityCommand({}));
    assert.match(a.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(a.$metadata.requestId, b.$metadata.requestId);
    const failed = await callerIn('us-east-1', {
      accessKeyId: 'AKIANOSUCHKEY0000000',
      secretAccessKey: 'x'.repeat(40),
    }).then(
      () => undefined,
      (error: unknown) => error as { $metadata?: { requestId?: string } },
    );
    assert.match(failed?.$metadata?.requestId ?? '', /^[0-9a-f-]{36}$/);
  });
});
