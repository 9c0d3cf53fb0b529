import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError } from '../port.ts';
import {
  aGroup,
  aKey,
  aPolicy,
  aUser,
  awsPolicyArn,
  groupRef,
  inFreshTx,
  T0,
  userRef,
  type StoreFixtureFactory,
} from './fixture.ts';

export function accountContract(factory: StoreFixtureFactory): void {
  describe('account, settings, counts, wipeAll', () => {
    test('the account is absent until created, then created once', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.account.get(), undefined);
        assert.equal(await tx.account.create({ accountId: '123456789012', createDate: T0 }), 'inserted');
        assert.equal(await tx.account.create({ accountId: '999999999999', createDate: T0 }), 'conflict');
        assert.deepEqual(await tx.account.get(), { accountId: '123456789012', createDate: T0 });
      }));

    test('the alias is set, replaced and deleted; at most one', () =>
      inFreshTx(factory, async (tx) => {
        await tx.account.create({ accountId: '123456789012', createDate: T0 });
        assert.equal(await tx.account.deleteAlias(), false);
        await tx.account.setAlias('first-alias');
        assert.equal((await tx.account.get())?.alias, 'first-alias');
        await tx.account.setAlias('second-alias');
        assert.equal((await tx.account.get())?.alias, 'second-alias');
        assert.equal(await tx.account.deleteAlias(), true);
        const account = await tx.account.get();
        assert.ok(account && !('alias' in account), 'an unset alias is absent, not undefined-valued');
      }));

    test('setting an alias before the account exists is a StoreError', () =>
      inFreshTx(factory, async (tx) => {
        await assert.rejects(tx.account.setAlias('early'), (e) => isStoreError(e) && e.kind === 'constraint');
      }));

    test('settings get, put (overwrite) and delete', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.settings.get('account-id'), undefined);
        await tx.settings.put('account-id', '123456789012');
        await tx.settings.put('account-id', '210987654321');
        assert.equal(await tx.settings.get('account-id'), '210987654321');
        assert.equal(await tx.settings.delete('account-id'), true);
        assert.equal(await tx.settings.delete('account-id'), false);
        assert.equal(await tx.settings.get('account-id'), undefined);
      }));

    test('counts follow users and groups as they come and go', () =>
      inFreshTx(factory, async (tx) => {
        assert.deepEqual(await tx.counts(), {
          users: 0,
          groups: 0,
          policies: 0,
          policyVersionsInUse: 0,
          roles: 0,
          instanceProfiles: 0,
        });
        for (const n of [1, 2, 3]) await tx.users.insert(aUser(n));
        await tx.groups.insert(aGroup(1));
        assert.deepEqual(await tx.counts(), {
          users: 3,
          groups: 1,
          policies: 0,
          policyVersionsInUse: 0,
          roles: 0,
          instanceProfiles: 0,
        });
        await tx.users.delete(aUser(2).userId);
        await tx.groups.delete(aGroup(1).groupId);
        assert.deepEqual(await tx.counts(), {
          users: 2,
          groups: 0,
          policies: 0,
          policyVersionsInUse: 0,
          roles: 0,
          instanceProfiles: 0,
        });
      }));

    test('wipeAll removes every entity and setting; the account can be created again', () =>
      inFreshTx(factory, async (tx) => {
        await tx.account.create({ accountId: '123456789012', createDate: T0 });
        await tx.account.setAlias('my-alias');
        await tx.settings.put('k', 'v');
        const user = aUser(1);
        await tx.users.insert(user);
        await tx.groups.insert(aGroup(1));
        await tx.groups.addMember(aGroup(1).groupId, user.userId);
        await tx.accessKeys.insert(aKey(1, user.userId));
        await tx.accessKeys.insert(aKey(2, 'root'));
        await tx.loginProfiles.put({
          userId: user.userId,
          passwordHash: 'h',
          createDate: T0,
          passwordResetRequired: false,
        });
        await tx.policies.insert(aPolicy(1));
        await tx.policyVersions.create(aPolicy(1).policyId, {
          document: '{}',
          createDate: T0,
          setAsDefault: true,
        });
        await tx.attachments.attach(userRef(1), aPolicy(1).arn);
        await tx.attachments.attach(groupRef(1), awsPolicyArn('ReadOnlyAccess'));
        await tx.inlinePolicies.put(userRef(1), { policyName: 'u', document: '{}' });
        await tx.inlinePolicies.put(groupRef(1), { policyName: 'g', document: '{}' });

        await tx.wipeAll();

        assert.equal(await tx.account.get(), undefined);
        assert.equal(await tx.settings.get('k'), undefined);
        assert.deepEqual(await tx.counts(), {
          users: 0,
          groups: 0,
          policies: 0,
          policyVersionsInUse: 0,
          roles: 0,
          instanceProfiles: 0,
        });
        assert.equal(await tx.accessKeys.get(aKey(1, '').accessKeyId), undefined);
        assert.equal(await tx.accessKeys.countByOwner('root'), 0);
        assert.equal(await tx.loginProfiles.get(user.userId), undefined);
        assert.equal(await tx.policies.getById(aPolicy(1).policyId), undefined);
        assert.deepEqual(await tx.policyVersions.list(aPolicy(1).policyId), []);
        assert.equal(await tx.attachments.countForPolicy(aPolicy(1).arn), 0);
        assert.equal(await tx.attachments.countForPolicy(awsPolicyArn('ReadOnlyAccess')), 0);
        assert.equal(await tx.inlinePolicies.count(userRef(1)), 0);
        assert.equal(await tx.inlinePolicies.count(groupRef(1)), 0);
        assert.equal(await tx.account.create({ accountId: '123456789012', createDate: T0 }), 'inserted');
        assert.equal(await tx.users.insert(user), 'inserted');
        assert.equal(await tx.policies.insert(aPolicy(1)), 'inserted', 'the policy name is free again');
        assert.equal((await tx.policies.getById(aPolicy(1).policyId))?.defaultVersionId, 'v1');
        assert.equal(await tx.attachments.countForEntity(userRef(1)), 0);
      }));
  });
}
