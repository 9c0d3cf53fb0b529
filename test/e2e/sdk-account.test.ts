/** The account (alias, summary) through the real AWS SDK against a real `warden serve`: issue 2, "Account". */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteAccountAliasCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  GetAccountSummaryCommand,
  ListAccessKeysCommand,
  ListAccountAliasesCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { iamClient } from './harness.ts';
import { ROOT, expectError, startSuite, stopSuite, type Suite } from './sdk-kit.ts';

const ALIAS_PATTERN = '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$';

describe('the account through the AWS SDK', () => {
  let suite: Suite | undefined;
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };
  const aliases = async (): Promise<string[] | undefined> => {
    const out = await s().iam.send(new ListAccountAliasesCommand({}));
    assert.equal(out.IsTruncated, false);
    return out.AccountAliases;
  };
  const summary = async (): Promise<Record<string, number>> => {
    const out = await s().iam.send(new GetAccountSummaryCommand({}));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.ok(out.SummaryMap !== undefined);
    return out.SummaryMap;
  };

  before(async () => {
    suite = await startSuite();
  });
  after(() => stopSuite(suite));

  describe('account aliases', () => {
    it('starts without an alias', async () => {
      assert.deepEqual(await aliases(), []);
    });

    it('creates, lists, replaces and deletes the one alias', async () => {
      const created = await s().iam.send(new CreateAccountAliasCommand({ AccountAlias: 'warden-e2e' }));
      assert.equal(created.$metadata.httpStatusCode, 200);
      assert.deepEqual(await aliases(), ['warden-e2e']);

      await expectError(s().iam.send(new CreateAccountAliasCommand({ AccountAlias: 'warden-e2e' })), {
        name: 'EntityAlreadyExistsException',
        status: 409,
      });

      // An account has at most one alias: a new one takes the old one's place.
      await s().iam.send(new CreateAccountAliasCommand({ AccountAlias: 'warden-e2e-2' }));
      assert.deepEqual(await aliases(), ['warden-e2e-2']);

      await expectError(s().iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'warden-e2e' })), {
        name: 'NoSuchEntityException',
        status: 404,
      });
      const deleted = await s().iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'warden-e2e-2' }));
      assert.equal(deleted.$metadata.httpStatusCode, 200);
      assert.deepEqual(await aliases(), []);
      await expectError(s().iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'warden-e2e-2' })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: /warden-e2e-2/,
      });
    });

    it('refuses an alias that breaks the rules with ValidationError', async () => {
      await expectError(s().iam.send(new CreateAccountAliasCommand({ AccountAlias: 'Bad_Alias' })), {
        name: 'ValidationError',
        status: 400,
        message:
          "1 validation error detected: Value 'Bad_Alias' at 'accountAlias' failed to satisfy constraint: " +
          `Member must satisfy regular expression pattern: ${ALIAS_PATTERN}`,
      });
      for (const bad of ['double--hyphen', '-leading', 'trailing-', 'UPPER']) {
        await expectError(s().iam.send(new CreateAccountAliasCommand({ AccountAlias: bad })), {
          name: 'ValidationError',
          status: 400,
          message: new RegExp(`Value '${bad}' at 'accountAlias' failed to satisfy constraint`),
        });
      }
      await expectError(s().iam.send(new CreateAccountAliasCommand({ AccountAlias: 'ab' })), {
        name: 'ValidationError',
        status: 400,
        message:
          /at 'accountAlias' failed to satisfy constraint: Member must have length greater than or equal to 3/,
      });
      await expectError(s().iam.send(new CreateAccountAliasCommand({ AccountAlias: '123456789012' })), {
        name: 'ValidationError',
        status: 400,
      });
      assert.deepEqual(await aliases(), []);
    });
  });

  describe('GetAccountSummary', () => {
    it('reports AWS quotas', async () => {
      const map = await summary();
      assert.equal(map.UsersQuota, 5000);
      assert.equal(map.GroupsQuota, 300);
      assert.equal(map.GroupsPerUserQuota, 10);
      assert.equal(map.AccessKeysPerUserQuota, 2);
      // The root has the access key configured at start.
      assert.equal(map.AccountAccessKeysPresent, 1);
      for (const [key, value] of Object.entries(map))
        assert.ok(Number.isInteger(value), `${key} is an integer`);
    });

    it('counts users and groups as they come and go', async () => {
      const before = await summary();
      await s().iam.send(new CreateUserCommand({ UserName: 'count-1' }));
      await s().iam.send(new CreateUserCommand({ UserName: 'count-2' }));
      await s().iam.send(new CreateGroupCommand({ GroupName: 'count-group' }));
      let now = await summary();
      assert.equal(now.Users, (before.Users ?? 0) + 2);
      assert.equal(now.Groups, (before.Groups ?? 0) + 1);

      // Keys and memberships do not count as users or groups.
      const key = await s().iam.send(new CreateAccessKeyCommand({ UserName: 'count-1' }));
      await s().iam.send(new AddUserToGroupCommand({ GroupName: 'count-group', UserName: 'count-1' }));
      now = await summary();
      assert.equal(now.Users, (before.Users ?? 0) + 2);
      assert.equal(now.Groups, (before.Groups ?? 0) + 1);
      // A user's key is not the root's.
      assert.equal(now.AccountAccessKeysPresent, 1);

      await s().iam.send(
        new DeleteAccessKeyCommand({ UserName: 'count-1', AccessKeyId: key.AccessKey?.AccessKeyId }),
      );
      await s().iam.send(new RemoveUserFromGroupCommand({ GroupName: 'count-group', UserName: 'count-1' }));
      await s().iam.send(new DeleteUserCommand({ UserName: 'count-1' }));
      now = await summary();
      assert.equal(now.Users, (before.Users ?? 0) + 1);
      await s().iam.send(new DeleteUserCommand({ UserName: 'count-2' }));
      await s().iam.send(new DeleteGroupCommand({ GroupName: 'count-group' }));
      now = await summary();
      assert.equal(now.Users, before.Users);
      assert.equal(now.Groups, before.Groups);
    });

    it('does not count a failed create', async () => {
      await s().iam.send(new CreateUserCommand({ UserName: 'only-once' }));
      const before = await summary();
      await expectError(s().iam.send(new CreateUserCommand({ UserName: 'ONLY-ONCE' })), {
        name: 'EntityAlreadyExistsException',
        status: 409,
      });
      assert.equal((await summary()).Users, before.Users);
    });
  });

  // Last in the file: it replaces the root key the other tests sign with.
  describe('root key rotation', () => {
    it('lets the root replace its key: the old one is refused, the new one still counts as present', async () => {
      const created = await s().iam.send(new CreateAccessKeyCommand({}));
      const credentials = {
        accessKeyId: created.AccessKey?.AccessKeyId ?? '',
        secretAccessKey: created.AccessKey?.SecretAccessKey ?? '',
      };
      const rotated = iamClient(s().warden.endpoint, credentials);
      try {
        await rotated.send(new DeleteAccessKeyCommand({ AccessKeyId: ROOT.accessKeyId }));
        await expectError(s().iam.send(new GetAccountSummaryCommand({})), {
          name: 'InvalidClientTokenId',
          status: 403,
          message: 'The security token included in the request is invalid.',
        });
        const out = await rotated.send(new GetAccountSummaryCommand({}));
        assert.equal(out.SummaryMap?.AccountAccessKeysPresent, 1);
        const keys = await rotated.send(new ListAccessKeysCommand({}));
        assert.deepEqual(
          keys.AccessKeyMetadata?.map((k) => k.AccessKeyId),
          [credentials.accessKeyId],
        );
      } finally {
        rotated.destroy();
      }
    });
  });
});
