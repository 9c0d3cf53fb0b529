import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROOT_OWNER } from '../port.ts';
import { aKey, aUser, at, inFreshTx, T0, withStore, type StoreFixtureFactory } from './fixture.ts';

export function credentialReportContract(factory: StoreFixtureFactory): void {
  describe('credential report', () => {
    test('start, parts in order, complete; a newer start supersedes the older generation', () =>
      inFreshTx(factory, async (tx) => {
        const report = tx.credentialReport;
        assert.equal(await report.get(), undefined);
        const first = await report.start(T0);
        assert.deepEqual(await report.get(), { generation: first, state: 'INPROGRESS', startedAt: T0 });
        assert.equal(await report.appendPart(first, 1, '\nb'), true);
        assert.equal(await report.appendPart(first, 0, 'a'), true);
        assert.equal(await report.content(), 'a\nb');
        assert.equal(await report.complete(first, at(5)), true);
        assert.deepEqual(await report.get(), {
          generation: first,
          state: 'COMPLETE',
          startedAt: T0,
          generatedTime: at(5),
        });

        const second = await report.start(at(10));
        assert.ok(second > first);
        assert.equal(await report.content(), '', 'the old CSV is dropped');
        assert.equal((await report.get())?.generatedTime, undefined);
        assert.equal(await report.appendPart(first, 0, 'stale'), false);
        assert.equal(await report.complete(first, at(11)), false);
        assert.equal(await report.appendPart(second, 0, 'new'), true);
        assert.equal(await report.content(), 'new');
        assert.equal((await report.get())?.state, 'INPROGRESS');
      }));

    test('the report survives a reopen', () =>
      withStore(factory, async (store, fixture) => {
        await store.transaction(async (tx) => {
          const generation = await tx.credentialReport.start(T0);
          await tx.credentialReport.appendPart(generation, 0, 'csv');
          await tx.credentialReport.complete(generation, T0);
        });
        await store.close();
        const again = await fixture.open();
        try {
          assert.equal(await again.transaction((tx) => tx.credentialReport.content()), 'csv');
        } finally {
          await again.close();
        }
      }));

    test('usersPage: by lower-cased name, in pages, with password and MFA facts', () =>
      inFreshTx(factory, async (tx) => {
        const names = ['Carol', 'alice', 'bob', 'dave', 'Eve'];
        for (const [i, userName] of names.entries()) await tx.users.insert(aUser(i + 1, { userName }));
        const bob = aUser(3, { userName: 'bob' });
        const carol = aUser(1, { userName: 'Carol' });
        await tx.loginProfiles.put({
          userId: bob.userId,
          passwordHash: 'h',
          createDate: at(7),
          passwordResetRequired: false,
        });
        await tx.loginProfiles.put({
          userId: carol.userId,
          passwordHash: 'h',
          createDate: at(7),
          passwordResetRequired: false,
          passwordChangedDate: at(9),
        });
        const serial = 'arn:aws:iam::123456789012:mfa/bob';
        await tx.mfaDevices.insert({
          serialNumber: serial,
          deviceName: 'bob',
          path: '/',
          sealedSeed: 's',
          createDate: T0,
          tags: [],
        });
        await tx.mfaDevices.assign(serial, bob.userId, T0, 1);

        const first = await tx.credentialReport.usersPage(undefined, 2);
        assert.deepEqual(
          first.map(({ user }) => user.userName),
          ['alice', 'bob'],
        );
        assert.deepEqual(first[1], { user: bob, password: { lastChanged: at(7) }, mfaActive: true });
        assert.deepEqual(first[0], { user: aUser(2, { userName: 'alice' }), mfaActive: false });
        const second = await tx.credentialReport.usersPage('bob', 2);
        assert.deepEqual(
          second.map(({ user }) => user.userName),
          ['Carol', 'dave'],
        );
        assert.deepEqual(second[0]?.password, { lastChanged: at(9) }, 'the change date, not the creation');
        assert.deepEqual(
          (await tx.credentialReport.usersPage('dave', 2)).map(({ user }) => user.userName),
          ['Eve'],
        );
        assert.deepEqual(await tx.credentialReport.usersPage('eve', 2), []);
      }));

    test("accessKeys.listByOwners: each owner's keys oldest first, the root included", () =>
      inFreshTx(factory, async (tx) => {
        const [a, b, c] = [aUser(1), aUser(2), aUser(3)];
        for (const user of [a, b, c]) await tx.users.insert(user);
        await tx.accessKeys.insert(aKey(5, a.userId));
        await tx.accessKeys.insert(aKey(4, a.userId, { status: 'Inactive' }));
        await tx.accessKeys.insert(aKey(6, b.userId));
        await tx.accessKeys.insert(aKey(7, ROOT_OWNER));
        const keys = await tx.accessKeys.listByOwners([a.userId, b.userId, c.userId]);
        assert.deepEqual(keys.get(a.userId), await tx.accessKeys.listByOwner(a.userId));
        assert.deepEqual(
          keys.get(a.userId)?.map((k) => k.accessKeyId),
          [aKey(4, '').accessKeyId, aKey(5, '').accessKeyId],
        );
        assert.equal(keys.get(b.userId)?.length, 1);
        assert.deepEqual(keys.get(c.userId), []);
        assert.equal(keys.has(ROOT_OWNER), false);
        const withRoot = await tx.accessKeys.listByOwners([ROOT_OWNER, b.userId]);
        assert.deepEqual(
          withRoot.get(ROOT_OWNER)?.map((k) => k.accessKeyId),
          [aKey(7, '').accessKeyId],
        );
      }));

    test('wipeAll removes the report', () =>
      inFreshTx(factory, async (tx) => {
        const generation = await tx.credentialReport.start(T0);
        await tx.credentialReport.appendPart(generation, 0, 'csv');
        await tx.wipeAll();
        assert.equal(await tx.credentialReport.get(), undefined);
        assert.equal(await tx.credentialReport.content(), '');
      }));
  });
}
