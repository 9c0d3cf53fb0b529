/** Access keys through the real AWS SDK against a real `warden serve`: issue 2, "Access keys". */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
  paginateListAccessKeys,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { iamClient, stsClient, type Credentials } from './harness.ts';
import {
  ACCESS_KEY_ID,
  ROOT,
  ROOT_ARN,
  SECRET_KEY,
  assertRecent,
  deniedText,
  expectError,
  iamClientIn,
  startSuite,
  stopSuite,
  stsClientIn,
  userArn,
  userWithKey,
  type Suite,
} from './sdk-kit.ts';

const INVALID_TOKEN = {
  name: 'InvalidClientTokenId',
  status: 403,
  message: 'The security token included in the request is invalid.',
};

describe('access keys through the AWS SDK', () => {
  let suite: Suite | undefined;
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };
  /** GetCallerIdentity with the given key, through a client made for the one call. */
  const whoAmI = async (credentials: Credentials, region = 'us-east-1') => {
    const client = stsClientIn(s().warden.endpoint, region, credentials);
    try {
      return await client.send(new GetCallerIdentityCommand({}));
    } finally {
      client.destroy();
    }
  };

  before(async () => {
    suite = await startSuite();
  });
  after(() => stopSuite(suite));

  describe('CreateAccessKey', () => {
    it('returns an active AKIA key with its 40-character secret, which then authenticates', async () => {
      await s().iam.send(new CreateUserCommand({ UserName: 'keyholder', Path: '/k/' }));
      const out = await s().iam.send(new CreateAccessKeyCommand({ UserName: 'keyholder' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const key = out.AccessKey;
      assert.equal(key?.UserName, 'keyholder');
      assert.match(key?.AccessKeyId ?? '', ACCESS_KEY_ID);
      assert.match(key?.SecretAccessKey ?? '', SECRET_KEY);
      assert.equal(key?.Status, 'Active');
      assertRecent(key?.CreateDate, 'CreateDate');

      const me = await whoAmI({
        accessKeyId: key?.AccessKeyId ?? '',
        secretAccessKey: key?.SecretAccessKey ?? '',
      });
      assert.equal(me.Arn, userArn('keyholder', '/k/'));
    });

    it('refuses a third key, counting inactive keys too', async () => {
      await s().iam.send(new CreateUserCommand({ UserName: 'two-keys' }));
      const first = await s().iam.send(new CreateAccessKeyCommand({ UserName: 'two-keys' }));
      await s().iam.send(
        new UpdateAccessKeyCommand({
          UserName: 'two-keys',
          AccessKeyId: first.AccessKey?.AccessKeyId,
          Status: 'Inactive',
        }),
      );
      await s().iam.send(new CreateAccessKeyCommand({ UserName: 'two-keys' }));
      await expectError(s().iam.send(new CreateAccessKeyCommand({ UserName: 'two-keys' })), {
        name: 'LimitExceededException',
        status: 409,
        message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      });
      const listed = await s().iam.send(new ListAccessKeysCommand({ UserName: 'two-keys' }));
      assert.equal(listed.AccessKeyMetadata?.length, 2);
    });

    it('holds the quota when keys are requested at the same time', async () => {
      await s().iam.send(new CreateUserCommand({ UserName: 'racer' }));
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () => s().iam.send(new CreateAccessKeyCommand({ UserName: 'racer' }))),
      );
      const created = results.filter((r) => r.status === 'fulfilled');
      assert.equal(created.length, 2);
      for (const r of results) {
        if (r.status === 'rejected') {
          const error = r.reason as Error & { $metadata?: { httpStatusCode?: number } };
          assert.equal(error.name, 'LimitExceededException');
          assert.equal(error.$metadata?.httpStatusCode, 409);
        }
      }
      const listed = await s().iam.send(new ListAccessKeysCommand({ UserName: 'racer' }));
      assert.equal(listed.AccessKeyMetadata?.length, 2);
    });

    it('answers NoSuchEntity for an unknown user', async () => {
      await expectError(s().iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: 'The user with name nobody cannot be found.',
      });
    });

    it('gives the root a key of its own when the root names no user, up to two', async () => {
      const out = await s().iam.send(new CreateAccessKeyCommand({}));
      const key = out.AccessKey;
      assert.match(key?.AccessKeyId ?? '', ACCESS_KEY_ID);
      assert.equal(key?.Status, 'Active');
      const credentials = {
        accessKeyId: key?.AccessKeyId ?? '',
        secretAccessKey: key?.SecretAccessKey ?? '',
      };
      try {
        const me = await whoAmI(credentials);
        assert.equal(me.Arn, ROOT_ARN);

        const rootKeys = await s().iam.send(new ListAccessKeysCommand({}));
        assert.deepEqual(
          rootKeys.AccessKeyMetadata?.map((k) => k.AccessKeyId).sort(),
          [ROOT.accessKeyId, key?.AccessKeyId].sort(),
        );
        await expectError(s().iam.send(new CreateAccessKeyCommand({})), {
          name: 'LimitExceededException',
          status: 409,
          message: 'Cannot exceed quota for AccessKeysPerUser: 2',
        });
      } finally {
        await s().iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key?.AccessKeyId }));
      }
      await expectError(whoAmI(credentials), INVALID_TOKEN);
    });

    it('denies an IAM user creating a key for itself while it has no policy', async () => {
      const { user, credentials } = await userWithKey(s().iam, 'no-policy-keys');
      const client = iamClient(s().warden.endpoint, credentials);
      try {
        await expectError(client.send(new CreateAccessKeyCommand({})), {
          name: 'AccessDenied',
          status: 403,
          message: deniedText(user.Arn ?? '', 'iam:CreateAccessKey', user.Arn ?? ''),
        });
      } finally {
        client.destroy();
      }
      const listed = await s().iam.send(new ListAccessKeysCommand({ UserName: 'no-policy-keys' }));
      assert.equal(listed.AccessKeyMetadata?.length, 1);
    });
  });

  describe('ListAccessKeys', () => {
    it('lists a user’s keys without their secrets, and pages', async () => {
      await s().iam.send(new CreateUserCommand({ UserName: 'lister' }));
      const a = await s().iam.send(new CreateAccessKeyCommand({ UserName: 'lister' }));
      const b = await s().iam.send(new CreateAccessKeyCommand({ UserName: 'lister' }));
      const out = await s().iam.send(new ListAccessKeysCommand({ UserName: 'lister' }));
      assert.equal(out.IsTruncated, false);
      const listed = out.AccessKeyMetadata ?? [];
      assert.deepEqual(
        listed.map((k) => k.AccessKeyId).sort(),
        [a.AccessKey?.AccessKeyId, b.AccessKey?.AccessKeyId].sort(),
      );
      for (const k of listed) {
        assert.equal(k.UserName, 'lister');
        assert.equal(k.Status, 'Active');
        assert.ok(k.CreateDate instanceof Date);
        assert.deepEqual(Object.keys(k).sort(), ['AccessKeyId', 'CreateDate', 'Status', 'UserName']);
      }
      const firstPage = await s().iam.send(new ListAccessKeysCommand({ UserName: 'lister', MaxItems: 1 }));
      assert.equal(firstPage.AccessKeyMetadata?.length, 1);
      assert.equal(firstPage.IsTruncated, true);
      const all: string[] = [];
      for await (const page of paginateListAccessKeys(
        { client: s().iam, pageSize: 1 },
        { UserName: 'lister' },
      )) {
        all.push(...(page.AccessKeyMetadata ?? []).map((k) => k.AccessKeyId ?? ''));
      }
      assert.deepEqual(all.sort(), listed.map((k) => k.AccessKeyId ?? '').sort());
    });

    it('lists nothing for a user without keys, and NoSuchEntity for an unknown user', async () => {
      await s().iam.send(new CreateUserCommand({ UserName: 'keyless' }));
      const out = await s().iam.send(new ListAccessKeysCommand({ UserName: 'keyless' }));
      assert.deepEqual(out.AccessKeyMetadata, []);
      await expectError(s().iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })), {
        name: 'NoSuchEntityException',
        status: 404,
      });
    });
  });

  describe('UpdateAccessKey and DeleteAccessKey', () => {
    it('refuses an inactive key at once and accepts it again once active', async () => {
      const { user, credentials } = await userWithKey(s().iam, 'toggler');
      assert.equal((await whoAmI(credentials)).Arn, user.Arn);

      const update = (Status: 'Active' | 'Inactive') =>
        s().iam.send(
          new UpdateAccessKeyCommand({ UserName: 'toggler', AccessKeyId: credentials.accessKeyId, Status }),
        );
      const out = await update('Inactive');
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(whoAmI(credentials), INVALID_TOKEN);
      const listed = await s().iam.send(new ListAccessKeysCommand({ UserName: 'toggler' }));
      assert.equal(listed.AccessKeyMetadata?.[0]?.Status, 'Inactive');

      await update('Active');
      assert.equal((await whoAmI(credentials)).Arn, user.Arn);
    });

    it('answers NoSuchEntity for a key the user does not own', async () => {
      const { credentials } = await userWithKey(s().iam, 'owner');
      await s().iam.send(new CreateUserCommand({ UserName: 'not-owner' }));
      await expectError(
        s().iam.send(
          new UpdateAccessKeyCommand({
            UserName: 'not-owner',
            AccessKeyId: credentials.accessKeyId,
            Status: 'Inactive',
          }),
        ),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: `The Access Key with id ${credentials.accessKeyId} cannot be found.`,
        },
      );
      await expectError(
        s().iam.send(
          new DeleteAccessKeyCommand({ UserName: 'not-owner', AccessKeyId: credentials.accessKeyId }),
        ),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: `The Access Key with id ${credentials.accessKeyId} cannot be found.`,
        },
      );
      // Still working for its owner.
      await whoAmI(credentials);
    });

    it('looks a key up among the root’s own keys when the root names no user', async () => {
      const { credentials } = await userWithKey(s().iam, 'not-root');
      await expectError(s().iam.send(new DeleteAccessKeyCommand({ AccessKeyId: credentials.accessKeyId })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: `The Access Key with id ${credentials.accessKeyId} cannot be found.`,
      });
      await expectError(
        s().iam.send(
          new UpdateAccessKeyCommand({ AccessKeyId: credentials.accessKeyId, Status: 'Inactive' }),
        ),
        { name: 'NoSuchEntityException', status: 404 },
      );
      await whoAmI(credentials);
    });

    it('refuses a status other than Active or Inactive', async () => {
      const { credentials } = await userWithKey(s().iam, 'bad-status');
      await expectError(
        s().iam.send(
          new UpdateAccessKeyCommand({
            UserName: 'bad-status',
            AccessKeyId: credentials.accessKeyId,
            Status: 'Disabled' as 'Active',
          }),
        ),
        { name: 'ValidationError', status: 400, message: /at 'status' failed to satisfy constraint/ },
      );
    });

    it('deletes a key, which is refused from then on', async () => {
      const { credentials } = await userWithKey(s().iam, 'deleter');
      await whoAmI(credentials);
      const out = await s().iam.send(
        new DeleteAccessKeyCommand({ UserName: 'deleter', AccessKeyId: credentials.accessKeyId }),
      );
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(whoAmI(credentials), INVALID_TOKEN);
      const listed = await s().iam.send(new ListAccessKeysCommand({ UserName: 'deleter' }));
      assert.deepEqual(listed.AccessKeyMetadata, []);
      await expectError(
        s().iam.send(
          new DeleteAccessKeyCommand({ UserName: 'deleter', AccessKeyId: credentials.accessKeyId }),
        ),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: `The Access Key with id ${credentials.accessKeyId} cannot be found.`,
        },
      );
    });
  });

  describe('GetAccessKeyLastUsed', () => {
    it('answers N/A for a key never used', async () => {
      const { credentials } = await userWithKey(s().iam, 'unused');
      const out = await s().iam.send(
        new GetAccessKeyLastUsedCommand({ AccessKeyId: credentials.accessKeyId }),
      );
      assert.equal(out.UserName, 'unused');
      assert.equal(out.AccessKeyLastUsed?.ServiceName, 'N/A');
      assert.equal(out.AccessKeyLastUsed?.Region, 'N/A');
      assert.equal(out.AccessKeyLastUsed?.LastUsedDate, undefined);
    });

    it('records the date, the service sts and the region a key was last used with', async () => {
      const { credentials } = await userWithKey(s().iam, 'traveller');
      await whoAmI(credentials, 'eu-west-1');
      const out = await s().iam.send(
        new GetAccessKeyLastUsedCommand({ AccessKeyId: credentials.accessKeyId }),
      );
      assert.equal(out.UserName, 'traveller');
      assert.equal(out.AccessKeyLastUsed?.ServiceName, 'sts');
      assert.equal(out.AccessKeyLastUsed?.Region, 'eu-west-1');
      assertRecent(out.AccessKeyLastUsed?.LastUsedDate, 'LastUsedDate');
    });

    it('records the service iam for a root key used on IAM', async () => {
      const created = await s().iam.send(new CreateAccessKeyCommand({}));
      const accessKeyId = created.AccessKey?.AccessKeyId ?? '';
      const client = iamClientIn(s().warden.endpoint, 'ap-southeast-2', {
        accessKeyId,
        secretAccessKey: created.AccessKey?.SecretAccessKey ?? '',
      });
      try {
        await client.send(new ListUsersCommand({}));
        const out = await s().iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
        assert.equal(out.UserName, undefined);
        assert.equal(out.AccessKeyLastUsed?.ServiceName, 'iam');
        assert.equal(out.AccessKeyLastUsed?.Region, 'ap-southeast-2');
        assertRecent(out.AccessKeyLastUsed?.LastUsedDate, 'LastUsedDate');
      } finally {
        client.destroy();
        await s().iam.send(new DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }));
      }
    });

    it('records a signed request that was then denied (every authenticated request counts)', async () => {
      const { credentials } = await userWithKey(s().iam, 'denied-user');
      const client = iamClientIn(s().warden.endpoint, 'us-west-2', credentials);
      try {
        await expectError(client.send(new ListUsersCommand({})), { name: 'AccessDenied', status: 403 });
      } finally {
        client.destroy();
      }
      const out = await s().iam.send(
        new GetAccessKeyLastUsedCommand({ AccessKeyId: credentials.accessKeyId }),
      );
      assert.equal(out.AccessKeyLastUsed?.ServiceName, 'iam');
      assert.equal(out.AccessKeyLastUsed?.Region, 'us-west-2');
      assertRecent(out.AccessKeyLastUsed?.LastUsedDate, 'LastUsedDate');
    });

    it('does not record a request whose signature failed', async () => {
      const { credentials } = await userWithKey(s().iam, 'bad-signer');
      await expectError(whoAmI({ accessKeyId: credentials.accessKeyId, secretAccessKey: 'z'.repeat(40) }), {
        name: 'SignatureDoesNotMatch',
        status: 403,
      });
      const out = await s().iam.send(
        new GetAccessKeyLastUsedCommand({ AccessKeyId: credentials.accessKeyId }),
      );
      assert.equal(out.AccessKeyLastUsed?.ServiceName, 'N/A');
      assert.equal(out.AccessKeyLastUsed?.LastUsedDate, undefined);
    });

    it('answers NoSuchEntity for an unknown key', async () => {
      await expectError(
        s().iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAUNKNOWNKEY000000' })),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: 'The Access Key with id AKIAUNKNOWNKEY000000 cannot be found.',
        },
      );
    });
  });

  describe('keys follow their user', () => {
    it('keep working after the user is renamed and moved, and answer as the new ARN', async () => {
      const { user, credentials } = await userWithKey(s().iam, 'renamed-holder');
      const sts = stsClient(s().warden.endpoint, credentials);
      try {
        assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, user.Arn);
        await s().iam.send(
          new UpdateUserCommand({
            UserName: 'renamed-holder',
            NewUserName: 'new-holder',
            NewPath: '/moved/',
          }),
        );
        const me = await sts.send(new GetCallerIdentityCommand({}));
        assert.equal(me.Arn, userArn('new-holder', '/moved/'));
        assert.equal(me.UserId, user.UserId);
        const listed = await s().iam.send(new ListAccessKeysCommand({ UserName: 'new-holder' }));
        assert.deepEqual(
          listed.AccessKeyMetadata?.map((k) => [k.UserName, k.AccessKeyId]),
          [['new-holder', credentials.accessKeyId]],
        );
      } finally {
        sts.destroy();
      }
    });
  });
});
