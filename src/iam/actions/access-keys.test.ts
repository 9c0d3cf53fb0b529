import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_OWNER } from '../../store/port.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, START, wardenError, type Harness } from '../testing/harness.ts';
import {
  CreateAccessKey,
  CreateUser,
  DeleteAccessKey,
  GetAccessKeyLastUsed,
  ListAccessKeys,
  UpdateAccessKey,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const storedKey = (h: Harness, id: string) => h.store.transaction((tx) => tx.accessKeys.get(id));

describe('CreateAccessKey', () => {
  test('returns an active AKIA key with its secret once, and stores the secret sealed only', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const { AccessKey } = await h.call(CreateAccessKey, { UserName: 'ALICE' });
      assert.match(AccessKey.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
      assert.match(AccessKey.SecretAccessKey, /^[A-Za-z0-9/+]{40}$/);
      assert.deepEqual(
        { ...AccessKey, AccessKeyId: '', SecretAccessKey: '' },
        { UserName: 'alice', AccessKeyId: '', Status: 'Active', SecretAccessKey: '', CreateDate: START },
      );
      const stored = await storedKey(h, AccessKey.AccessKeyId);
      assert.ok(stored !== undefined && !stored.sealedSecret.includes(AccessKey.SecretAccessKey));
      assert.equal(h.secrets.open(stored.sealedSecret), AccessKey.SecretAccessKey);
      const listed = await h.call(ListAccessKeys, { UserName: 'alice' });
      assert.ok(!JSON.stringify(listed).includes(AccessKey.SecretAccessKey));
    }));

  test('a third key (active or not) is LimitExceeded', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const { AccessKey } = await h.call(CreateAccessKey, { UserName: 'alice' });
      await h.call(CreateAccessKey, { UserName: 'alice' });
      await h.call(UpdateAccessKey, {
        UserName: 'alice',
        AccessKeyId: AccessKey.AccessKeyId,
        Status: 'Inactive',
      });
      await assert.rejects(
        h.call(CreateAccessKey, { UserName: 'alice' }),
        wardenError('LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2'),
      );
    }));

  test("without a name: the calling user's own key, or the root's own key for the root", () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const own = await h.run(CreateAccessKey, {}, await h.userCaller('alice'));
      assert.equal(own.AccessKey.UserName, 'alice');
      const root = await h.call(CreateAccessKey, {});
      assert.equal(root.AccessKey.UserName, undefined);
      assert.equal((await storedKey(h, root.AccessKey.AccessKeyId))?.owner, ROOT_OWNER);
      const rootKeys = await h.call(ListAccessKeys, {});
      assert.deepEqual(
        rootKeys.AccessKeyMetadata.map((k) => k.AccessKeyId),
        [root.AccessKey.AccessKeyId],
      );
    }));

  test('an unknown user is NoSuchEntity', () =>
    withHarness(async (h) => {
      await assert.rejects(
        h.call(CreateAccessKey, { UserName: 'ghost' }),
        wardenError('NoSuchEntity', 'The user with name ghost cannot be found.'),
      );
    }));
});

describe('ListAccessKeys, UpdateAccessKey, DeleteAccessKey', () => {
  test('lists metadata without secrets, in creation order, paginated', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const a = (await h.call(CreateAccessKey, { UserName: 'alice' })).AccessKey;
      h.clock.advance(1000);
      const b = (await h.call(CreateAccessKey, { UserName: 'alice' })).AccessKey;
      const all = await h.call(ListAccessKeys, { UserName: 'alice' });
      assert.deepEqual(all, {
        AccessKeyMetadata: [
          { UserName: 'alice', AccessKeyId: a.AccessKeyId, Status: 'Active', CreateDate: a.CreateDate },
          { UserName: 'alice', AccessKeyId: b.AccessKeyId, Status: 'Active', CreateDate: b.CreateDate },
        ],
        IsTruncated: false,
      });
      const first = await h.call(ListAccessKeys, { UserName: 'alice', MaxItems: 1 });
      assert.deepEqual([first.AccessKeyMetadata.length, first.IsTruncated], [1, true]);
    }));

  test('UpdateAccessKey switches the status; DeleteAccessKey removes the key', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const { AccessKeyId } = (await h.call(CreateAccessKey, { UserName: 'alice' })).AccessKey;
      await h.call(UpdateAccessKey, { UserName: 'alice', AccessKeyId, Status: 'Inactive' });
      assert.equal((await storedKey(h, AccessKeyId))?.status, 'Inactive');
      await h.call(UpdateAccessKey, { UserName: 'alice', AccessKeyId, Status: 'Active' });
      assert.equal((await storedKey(h, AccessKeyId))?.status, 'Active');
      await h.call(DeleteAccessKey, { UserName: 'alice', AccessKeyId });
      assert.equal(await storedKey(h, AccessKeyId), undefined);
    }));

  test("an unknown key, or another user's key, is NoSuchEntity in AWS words", () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateUser, { UserName: 'bob' });
      const { AccessKeyId } = (await h.call(CreateAccessKey, { UserName: 'bob' })).AccessKey;
      const cases = [
        { UserName: 'alice', AccessKeyId },
        { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      ];
      for (const input of cases) {
        const message = `The Access Key with id ${input.AccessKeyId} cannot be found.`;
        await assert.rejects(h.call(DeleteAccessKey, input), wardenError('NoSuchEntity', message));
        await assert.rejects(
          h.call(UpdateAccessKey, { ...input, Status: 'Inactive' }),
          wardenError('NoSuchEntity', message),
        );
      }
      // The root, naming no user, acts on its own keys only.
      await assert.rejects(
        h.call(DeleteAccessKey, { AccessKeyId }),
        wardenError('NoSuchEntity', /cannot be found/),
      );
    }));

  test('Expired cannot be set', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const { AccessKeyId } = (await h.call(CreateAccessKey, { UserName: 'alice' })).AccessKey;
      await assert.rejects(
        h.call(UpdateAccessKey, { UserName: 'alice', AccessKeyId, Status: 'Expired' }),
        wardenError('InvalidInput', /Active or Inactive/),
      );
    }));
});

describe('GetAccessKeyLastUsed', () => {
  test('never used: N/A service and region, no date', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const { AccessKeyId } = (await h.call(CreateAccessKey, { UserName: 'alice' })).AccessKey;
      assert.deepEqual(await h.call(GetAccessKeyLastUsed, { AccessKeyId }), {
        UserName: 'alice',
        AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
      });
    }));

  test('after use: date, service and region as recorded; root keys have no user name', () =>
    withHarness(async (h) => {
      const { AccessKeyId } = (await h.call(CreateAccessKey, {})).AccessKey;
      const used = new Date('2026-01-03T00:00:00.000Z');
      await h.store.transaction((tx) =>
        tx.accessKeys.recordUse(AccessKeyId, { date: used, service: 'sts', region: 'eu-west-1' }),
      );
      assert.deepEqual(await h.call(GetAccessKeyLastUsed, { AccessKeyId }), {
        AccessKeyLastUsed: { LastUsedDate: used, ServiceName: 'sts', Region: 'eu-west-1' },
      });
    }));

  test('an unknown key is NoSuchEntity', () =>
    withHarness(async (h) => {
      await assert.rejects(
        h.call(GetAccessKeyLastUsed, { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }),
        wardenError('NoSuchEntity', 'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.'),
      );
    }));
});
