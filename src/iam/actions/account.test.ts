import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, wardenError, type Harness } from '../testing/harness.ts';
import {
  CreateAccessKey,
  CreateAccountAlias,
  CreateGroup,
  CreateUser,
  DeleteAccessKey,
  DeleteAccountAlias,
  DeleteGroup,
  DeleteUser,
  GetAccountSummary,
  ListAccountAliases,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

describe('account aliases', () => {
  test('none at first; create, replace, delete', () =>
    withHarness(async (h) => {
      assert.deepEqual(await h.call(ListAccountAliases, {}), { AccountAliases: [], IsTruncated: false });
      await h.call(CreateAccountAlias, { AccountAlias: 'my-company' });
      assert.deepEqual((await h.call(ListAccountAliases, {})).AccountAliases, ['my-company']);
      // One alias per account: a new one replaces the old (AWS behaviour, observed on live accounts).
      await h.call(CreateAccountAlias, { AccountAlias: 'my-company-2' });
      assert.deepEqual((await h.call(ListAccountAliases, {})).AccountAliases, ['my-company-2']);
      await h.call(DeleteAccountAlias, { AccountAlias: 'my-company-2' });
      assert.deepEqual((await h.call(ListAccountAliases, {})).AccountAliases, []);
    }));

  test('refusals', () =>
    withHarness(async (h) => {
      await h.call(CreateAccountAlias, { AccountAlias: 'my-company' });
      await assert.rejects(
        h.call(CreateAccountAlias, { AccountAlias: 'my-company' }),
        wardenError('EntityAlreadyExists', 'The account alias my-company already exists.'),
      );
      await assert.rejects(
        h.call(CreateAccountAlias, { AccountAlias: '123456789012' }),
        wardenError('ValidationError', /12-digit/),
      );
      await assert.rejects(
        h.call(DeleteAccountAlias, { AccountAlias: 'other' }),
        wardenError('NoSuchEntity', 'The account alias other cannot be found.'),
      );
      assert.deepEqual((await h.call(ListAccountAliases, {})).AccountAliases, ['my-company']);
    }));
});

describe('GetAccountSummary', () => {
  const summary = async (h: Harness) => (await h.call(GetAccountSummary, {})).SummaryMap;

  test('reports the quotas and every model key', () =>
    withHarness(async (h) => {
      const map = await summary(h);
      assert.equal(Object.keys(map).length, 34);
      for (const [key, value] of Object.entries({
        UsersQuota: 5000,
        GroupsQuota: 300,
        GroupsPerUserQuota: 10,
        AccessKeysPerUserQuota: 2,
        Users: 0,
        Groups: 0,
        AccountAccessKeysPresent: 0,
        AccountMFAEnabled: 0,
        MFADevices: 0,
      })) {
        assert.equal(map[key], value, key);
      }
    }));

  test('counts follow users, groups and root keys as they come and go', () =>
    withHarness(async (h) => {
      const counts = async () => {
        const map = await summary(h);
        return [map['Users'], map['Groups'], map['AccountAccessKeysPresent']];
      };
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateUser, { UserName: 'bob' });
      await h.call(CreateGroup, { GroupName: 'devs' });
      // A user's key is not a root key.
      await h.call(CreateAccessKey, { UserName: 'alice' });
      assert.deepEqual(await counts(), [2, 1, 0]);
      const rootKey = (await h.call(CreateAccessKey, {})).AccessKey.AccessKeyId;
      assert.deepEqual(await counts(), [2, 1, 1]);
      await h.call(DeleteUser, { UserName: 'bob' });
      await h.call(DeleteGroup, { GroupName: 'devs' });
      await h.call(DeleteAccessKey, { AccessKeyId: rootKey });
      assert.deepEqual(await counts(), [1, 0, 0]);
    }));
});
