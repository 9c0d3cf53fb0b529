import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError, ROOT_OWNER, type MfaDeviceRecord, type PasswordPolicyRecord } from '../port.ts';
import { aUser, at, inFreshTx, T0, type StoreFixtureFactory } from './fixture.ts';

const POLICY: PasswordPolicyRecord = {
  minimumPasswordLength: 12,
  requireSymbols: true,
  requireNumbers: false,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  hardExpiry: false,
};

const device = (name: string, path = '/'): MfaDeviceRecord => ({
  serialNumber: `arn:aws:iam::123456789012:mfa${path}${name}`,
  deviceName: name,
  path,
  sealedSeed: `v1.sealed-${name}`,
  createDate: T0,
  tags: [],
});

export function passwordsMfaContract(factory: StoreFixtureFactory): void {
  describe('password policy and history', () => {
    test('get, put (replace), delete; the epoch moves and facts report AllowUsersToChangePassword', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.passwordPolicy.get(), undefined);
        const user = aUser(1);
        await tx.users.insert(user);
        const before = await tx.authzEpoch();
        await tx.passwordPolicy.put(POLICY);
        assert.deepEqual(await tx.passwordPolicy.get(), POLICY);
        assert.ok((await tx.authzEpoch()) > before);
        assert.equal((await tx.authorizationFacts(user.userId))?.allowUsersToChangePassword, true);
        const replaced = { ...POLICY, allowUsersToChangePassword: false, passwordReusePrevention: 3 };
        delete (replaced as { maxPasswordAge?: number }).maxPasswordAge;
        await tx.passwordPolicy.put(replaced);
        assert.deepEqual(await tx.passwordPolicy.get(), replaced);
        assert.equal((await tx.authorizationFacts(user.userId))?.allowUsersToChangePassword, undefined);
        assert.equal(await tx.passwordPolicy.delete(), true);
        assert.equal(await tx.passwordPolicy.delete(), false);
        assert.equal(await tx.passwordPolicy.get(), undefined);
      }));

    test('history keeps the newest entries, newest first, and goes with the user', () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1);
        await tx.users.insert(user);
        for (let i = 0; i < 5; i++)
          await tx.passwordHistory.add(user.userId, { passwordHash: `h${i}`, setDate: at(i) }, 3);
        assert.deepEqual(
          (await tx.passwordHistory.recent(user.userId, 10)).map((e) => e.passwordHash),
          ['h4', 'h3', 'h2'],
        );
        assert.deepEqual(await tx.passwordHistory.recent(user.userId, 1), [
          { passwordHash: 'h4', setDate: at(4) },
        ]);
        assert.equal(await tx.users.delete(user.userId), true);
        assert.deepEqual(await tx.passwordHistory.recent(user.userId, 10), []);
      }));
  });

  describe('MFA devices', () => {
    test('insert (conflicts on serial and on name at the same path), get, tags, delete', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.mfaDevices.insert(device('d1')), 'inserted');
        assert.deepEqual(await tx.mfaDevices.get(device('d1').serialNumber), device('d1'));
        assert.equal(await tx.mfaDevices.insert(device('d1')), 'conflict');
        assert.equal(
          await tx.mfaDevices.insert({ ...device('D1'), serialNumber: 'x:mfa/other' }),
          'conflict',
        );
        assert.equal(await tx.mfaDevices.insert(device('d1', '/p/')), 'inserted');
        const tags = [{ key: 'k', value: 'v' }];
        assert.equal(await tx.mfaDevices.setTags(device('d1').serialNumber, tags), true);
        assert.deepEqual((await tx.mfaDevices.get(device('d1').serialNumber))?.tags, tags);
        assert.equal(await tx.mfaDevices.setTags('nope', tags), false);
        assert.equal(await tx.mfaDevices.delete(device('d1').serialNumber), true);
        assert.equal(await tx.mfaDevices.delete(device('d1').serialNumber), false);
      }));

    test('assign, steps used once, unassign; lists by assignment; counts; a user keeps its devices', () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1);
        await tx.users.insert(user);
        for (const name of ['a', 'b', 'c']) await tx.mfaDevices.insert(device(name));
        const [a, b] = [device('a').serialNumber, device('b').serialNumber];
        assert.equal(await tx.mfaDevices.assign(a, user.userId, at(1), 100), true);
        assert.equal(await tx.mfaDevices.assign(a, ROOT_OWNER, at(1), 100), false);
        assert.equal(await tx.mfaDevices.assign(b, ROOT_OWNER, at(2), 7), true);
        await assert.rejects(
          tx.mfaDevices.assign(device('c').serialNumber, 'AIDANOSUCH', at(1), 1),
          isStoreError,
        );
        const got = await tx.mfaDevices.get(a);
        assert.equal(got?.assignee, user.userId);
        assert.deepEqual(got?.enableDate, at(1));
        assert.equal(await tx.mfaDevices.useStep(a, 100), false);
        assert.equal(await tx.mfaDevices.useStep(a, 99), false);
        assert.equal(await tx.mfaDevices.useStep(a, 101), true);
        assert.equal(await tx.mfaDevices.useStep(a, 101), false);
        assert.equal(await tx.mfaDevices.useStep(a, 110, -3), true);
        assert.equal((await tx.mfaDevices.get(a))?.drift, -3);
        assert.equal(await tx.mfaDevices.useStep(a, 111), true);
        assert.equal((await tx.mfaDevices.get(a))?.drift, -3);
        const serials = async (filter: 'Assigned' | 'Unassigned' | 'Any') =>
          (await tx.mfaDevices.list(filter, { maxItems: 100 })).items.map((d) => d.deviceName);
        assert.deepEqual(await serials('Assigned'), ['a', 'b']);
        assert.deepEqual(await serials('Unassigned'), ['c']);
        assert.deepEqual(await serials('Any'), ['a', 'b', 'c']);
        const first = await tx.mfaDevices.list('Any', { maxItems: 2 });
        assert.ok(first.marker !== undefined);
        const rest = await tx.mfaDevices.list('Any', { maxItems: 2, marker: first.marker });
        assert.deepEqual(
          rest.items.map((d) => d.deviceName),
          ['c'],
        );
        assert.deepEqual(
          (await tx.mfaDevices.listAssigned(ROOT_OWNER, { maxItems: 10 })).items.map((d) => d.deviceName),
          ['b'],
        );
        assert.equal(await tx.mfaDevices.countAssigned(user.userId), 1);
        assert.deepEqual(await tx.mfaDevices.counts(), { devices: 3, inUse: 2, root: 1 });
        await assert.rejects(tx.users.delete(user.userId), (e) => isStoreError(e) && e.kind === 'constraint');
        assert.equal(await tx.mfaDevices.unassign(a), true);
        const unassigned = await tx.mfaDevices.get(a);
        assert.equal(unassigned?.assignee, undefined);
        assert.equal(unassigned?.enableDate, undefined);
        assert.equal(await tx.mfaDevices.assign(a, ROOT_OWNER, at(3), 200), true);
        assert.equal((await tx.mfaDevices.get(a))?.drift, undefined);
        assert.equal(await tx.users.delete(user.userId), true);
      }));
  });
}
