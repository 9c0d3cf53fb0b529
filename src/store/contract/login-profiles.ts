import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError, type LoginProfileRecord } from '../port.ts';
import { aUser, at, inFreshTx, T0, type StoreFixtureFactory } from './fixture.ts';

export function loginProfilesContract(factory: StoreFixtureFactory): void {
  describe('login profiles', () => {
    test('get, put (create then replace), delete', () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1);
        await tx.users.insert(user);
        assert.equal(await tx.loginProfiles.get(user.userId), undefined);
        const profile: LoginProfileRecord = {
          userId: user.userId,
          passwordHash: 'scrypt$32768$8$1$salt$hash',
          createDate: T0,
          passwordResetRequired: true,
        };
        await tx.loginProfiles.put(profile);
        assert.deepEqual(await tx.loginProfiles.get(user.userId), profile);
        const changed = {
          ...profile,
          passwordHash: 'scrypt$32768$8$1$salt2$hash2',
          passwordResetRequired: false,
          passwordChangedDate: at(5),
        };
        await tx.loginProfiles.put(changed);
        assert.deepEqual(await tx.loginProfiles.get(user.userId), changed);
        await assert.rejects(tx.users.delete(user.userId), (e) => isStoreError(e) && e.kind === 'constraint');
        assert.equal(await tx.loginProfiles.delete(user.userId), true);
        assert.equal(await tx.loginProfiles.delete(user.userId), false);
        assert.equal(await tx.loginProfiles.get(user.userId), undefined);
        assert.equal(await tx.users.delete(user.userId), true);
      }));

    test('a profile needs an existing user', () =>
      inFreshTx(factory, async (tx) => {
        const profile = {
          userId: 'AIDANOSUCHUSER',
          passwordHash: 'h',
          createDate: T0,
          passwordResetRequired: false,
        };
        await assert.rejects(tx.loginProfiles.put(profile), isStoreError);
      }));
  });
}
