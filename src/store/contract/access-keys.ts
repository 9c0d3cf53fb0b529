import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError, ROOT_OWNER } from '../port.ts';
import { aKey, aUser, at, inFreshTx, T0, type StoreFixtureFactory } from './fixture.ts';

export function accessKeysContract(factory: StoreFixtureFactory): void {
  describe('access keys', () => {
    test('insert and get, for a user and for root; an id is never reused', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        const key = aKey(1, aUser(1).userId);
        assert.equal(await tx.accessKeys.insert(key), 'inserted');
        assert.deepEqual(await tx.accessKeys.get(key.accessKeyId), key);
        assert.equal(await tx.accessKeys.insert({ ...key, owner: ROOT_OWNER }), 'conflict');
        const rootKey = aKey(2, ROOT_OWNER, { accessKeyId: 'test' });
        assert.equal(await tx.accessKeys.insert(rootKey), 'inserted');
        assert.deepEqual(await tx.accessKeys.get('test'), rootKey);
        assert.equal(await tx.accessKeys.get('AKIANOSUCHKEY'), undefined);
        const fresh = await tx.accessKeys.get(key.accessKeyId);
        assert.ok(
          fresh &&
            !('lastUsedDate' in fresh) &&
            !('lastUsedService' in fresh) &&
            !('lastUsedRegion' in fresh),
        );
      }));

    test('list and count by owner, oldest first; root and users kept apart', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        await tx.users.insert(aUser(2));
        const owner = aUser(1).userId;
        await tx.accessKeys.insert(aKey(3, owner, { createDate: at(30) }));
        await tx.accessKeys.insert(aKey(4, owner, { createDate: at(10) }));
        await tx.accessKeys.insert(aKey(5, ROOT_OWNER));
        const listed = await tx.accessKeys.listByOwner(owner);
        assert.deepEqual(
          listed.map((k) => k.accessKeyId),
          [aKey(4, '').accessKeyId, aKey(3, '').accessKeyId],
        );
        assert.equal(await tx.accessKeys.countByOwner(owner), 2);
        assert.equal(await tx.accessKeys.countByOwner(ROOT_OWNER), 1);
        assert.deepEqual(
          (await tx.accessKeys.listByOwner(ROOT_OWNER)).map((k) => k.owner),
          [ROOT_OWNER],
        );
        assert.deepEqual(await tx.accessKeys.listByOwner(aUser(2).userId), []);
        assert.equal(await tx.accessKeys.countByOwner(aUser(2).userId), 0);
      }));

    test('status changes, delete', () =>
      inFreshTx(factory, async (tx) => {
        const key = aKey(1, ROOT_OWNER);
        await tx.accessKeys.insert(key);
        assert.equal(await tx.accessKeys.setStatus(key.accessKeyId, 'Inactive'), true);
        assert.equal((await tx.accessKeys.get(key.accessKeyId))?.status, 'Inactive');
        assert.equal(await tx.accessKeys.setStatus('AKIANOSUCHKEY', 'Active'), false);
        assert.equal(await tx.accessKeys.delete(key.accessKeyId), true);
        assert.equal(await tx.accessKeys.delete(key.accessKeyId), false);
        assert.equal(await tx.accessKeys.get(key.accessKeyId), undefined);
      }));

    test('a key needs an existing user, and a user with keys cannot be deleted', () =>
      inFreshTx(factory, async (tx) => {
        await assert.rejects(tx.accessKeys.insert(aKey(1, 'AIDANOSUCHUSER')), isStoreError);
        await tx.users.insert(aUser(1));
        await tx.accessKeys.insert(aKey(1, aUser(1).userId));
        await assert.rejects(
          tx.users.delete(aUser(1).userId),
          (e) => isStoreError(e) && e.kind === 'constraint',
        );
      }));

    test('recordUse: first use written; repeats within a minute skipped; later or elsewhere written', () =>
      inFreshTx(factory, async (tx) => {
        const key = aKey(1, ROOT_OWNER);
        await tx.accessKeys.insert(key);
        const lastUse = async () => {
          const k = await tx.accessKeys.get(key.accessKeyId);
          return [k?.lastUsedDate?.toISOString(), k?.lastUsedService, k?.lastUsedRegion];
        };
        await tx.accessKeys.recordUse(key.accessKeyId, { date: at(0), service: 'iam', region: 'us-east-1' });
        assert.deepEqual(await lastUse(), [at(0).toISOString(), 'iam', 'us-east-1']);
        await tx.accessKeys.recordUse(key.accessKeyId, {
          date: at(59_000),
          service: 'iam',
          region: 'us-east-1',
        });
        assert.deepEqual(await lastUse(), [at(0).toISOString(), 'iam', 'us-east-1'], 'same minute: skipped');
        await tx.accessKeys.recordUse(key.accessKeyId, {
          date: at(60_000),
          service: 'iam',
          region: 'us-east-1',
        });
        assert.deepEqual(await lastUse(), [at(60_000).toISOString(), 'iam', 'us-east-1']);
        await tx.accessKeys.recordUse(key.accessKeyId, {
          date: at(61_000),
          service: 'sts',
          region: 'eu-west-1',
        });
        assert.deepEqual(
          await lastUse(),
          [at(61_000).toISOString(), 'sts', 'eu-west-1'],
          'another service: written',
        );
        await tx.accessKeys.recordUse(key.accessKeyId, {
          date: at(1_000),
          service: 'iam',
          region: 'us-east-1',
        });
        assert.deepEqual(await lastUse(), [at(61_000).toISOString(), 'sts', 'eu-west-1'], 'never backwards');
        await tx.accessKeys.recordUse('AKIANOSUCHKEY', { date: T0, service: 'iam', region: 'us-east-1' });
      }));
  });
}
