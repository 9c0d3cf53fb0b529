import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store, StoreTx } from '../port.ts';
import {
  aGroup,
  aKey,
  aPolicy,
  at,
  aUser,
  awsPolicyArn,
  groupRef,
  T0,
  userRef,
  withStore,
  type StoreFixtureFactory,
} from './fixture.ts';

const epoch = (store: Store) => store.transaction((tx) => tx.authzEpoch());

/** A world with one of everything: user 1 in group 1, policy 1 (v1, v2) attached to both, inline policies. */
async function world(tx: StoreTx): Promise<void> {
  await tx.users.insert(aUser(1));
  await tx.users.insert(aUser(2));
  await tx.groups.insert(aGroup(1));
  await tx.groups.insert(aGroup(2));
  await tx.groups.addMember(aGroup(1).groupId, aUser(1).userId);
  await tx.policies.insert(aPolicy(1));
  await tx.policies.insert(aPolicy(2));
  await tx.policyVersions.create(aPolicy(1).policyId, {
    document: '{}',
    createDate: at(1),
    setAsDefault: false,
  });
  await tx.attachments.attach(userRef(1), aPolicy(1).arn);
  await tx.attachments.attach(groupRef(1), aPolicy(1).arn);
  await tx.inlinePolicies.put(userRef(1), { policyName: 'p', document: '{}' });
  await tx.inlinePolicies.put(groupRef(1), { policyName: 'p', document: '{}' });
}

type Write = (tx: StoreTx) => Promise<unknown>;

/** Every kind of write that can change a decision. */
const MOVES: Record<string, Write> = {
  'create a policy': (tx) => tx.policies.insert(aPolicy(3)),
  'delete a policy': (tx) => tx.policies.delete(aPolicy(2).policyId),
  'tag a policy': (tx) => tx.policies.setTags(aPolicy(1).policyId, [{ key: 'k', value: 'v' }]),
  'create a version': (tx) =>
    tx.policyVersions.create(aPolicy(1).policyId, { document: '{}', createDate: at(9), setAsDefault: false }),
  'set the default version': (tx) => tx.policyVersions.setDefault(aPolicy(1).policyId, 'v2'),
  'delete a version': (tx) => tx.policyVersions.delete(aPolicy(1).policyId, 'v2'),
  'attach to a user': (tx) => tx.attachments.attach(userRef(2), awsPolicyArn('ReadOnlyAccess')),
  'attach to a group': (tx) => tx.attachments.attach(groupRef(2), aPolicy(2).arn),
  'detach from a user': (tx) => tx.attachments.detach(userRef(1), aPolicy(1).arn),
  'detach from a group': (tx) => tx.attachments.detach(groupRef(1), aPolicy(1).arn),
  'put a user inline policy': (tx) =>
    tx.inlinePolicies.put(userRef(1), { policyName: 'p', document: '{"a":1}' }),
  'put a group inline policy': (tx) =>
    tx.inlinePolicies.put(groupRef(2), { policyName: 'q', document: '{}' }),
  'delete a user inline policy': (tx) => tx.inlinePolicies.delete(userRef(1), 'P'),
  'delete a group inline policy': (tx) => tx.inlinePolicies.delete(groupRef(1), 'p'),
  'add to a group': (tx) => tx.groups.addMember(aGroup(2).groupId, aUser(1).userId),
  'remove from a group': (tx) => tx.groups.removeMember(aGroup(1).groupId, aUser(1).userId),
  'set a boundary': (tx) => tx.users.update(aUser(1).userId, { permissionsBoundaryArn: aPolicy(2).arn }),
  'tag a user': (tx) => tx.users.update(aUser(1).userId, { tags: [{ key: 'k', value: 'v' }] }),
  'rename a user': (tx) => tx.users.update(aUser(1).userId, { userName: 'renamed' }),
  "change a user's path": (tx) => tx.users.update(aUser(1).userId, { path: '/x/' }),
  'delete a user': (tx) => tx.users.delete(aUser(2).userId),
  'rename a group': (tx) => tx.groups.update(aGroup(1).groupId, { groupName: 'renamed' }),
  'delete a group': (tx) => tx.groups.delete(aGroup(2).groupId),
  wipeAll: (tx) => tx.wipeAll(),
};

/** Reads, and writes that cannot change a decision. */
const STAYS: Record<string, Write> = {
  'every read': async (tx) => {
    await tx.authorizationFacts(aUser(1).userId);
    await tx.policies.list({ maxItems: 10 });
    await tx.policyVersions.list(aPolicy(1).policyId);
    await tx.attachments.listEntities(aPolicy(1).arn, { maxItems: 10 });
    await tx.attachments.listForEntity(userRef(1), { maxItems: 10 });
    await tx.inlinePolicies.listAll(groupRef(1));
    await tx.groups.listGroupsForUser(aUser(1).userId, { maxItems: 10 });
    await tx.counts();
  },
  'record a sign-in': (tx) => tx.users.update(aUser(1).userId, { passwordLastUsed: at(100) }),
  'create a user and a group': async (tx) => {
    await tx.users.insert(aUser(3));
    await tx.groups.insert(aGroup(3));
  },
  'access keys and login profiles': async (tx) => {
    await tx.accessKeys.insert(aKey(1, aUser(1).userId));
    await tx.loginProfiles.put({
      userId: aUser(1).userId,
      passwordHash: 'h',
      createDate: T0,
      passwordResetRequired: false,
    });
  },
  'no-op writes': async (tx) => {
    await tx.attachments.attach(userRef(1), aPolicy(1).arn);
    await tx.attachments.detach(userRef(2), aPolicy(1).arn);
    await tx.inlinePolicies.delete(userRef(2), 'none');
    await tx.groups.addMember(aGroup(1).groupId, aUser(1).userId);
    await tx.groups.removeMember(aGroup(2).groupId, aUser(1).userId);
    await tx.policyVersions.setDefault(aPolicy(1).policyId, 'v7');
  },
};

export function authzEpochContract(factory: StoreFixtureFactory): void {
  describe('authorization epoch', () => {
    for (const [name, write] of Object.entries(MOVES)) {
      test(`moves forward: ${name}`, () =>
        withStore(factory, async (store) => {
          await store.transaction(world);
          const before = await epoch(store);
          await store.transaction(write);
          assert.ok((await epoch(store)) > before);
        }));
    }

    for (const [name, write] of Object.entries(STAYS)) {
      test(`stays: ${name}`, () =>
        withStore(factory, async (store) => {
          await store.transaction(world);
          const before = await epoch(store);
          await store.transaction(write);
          assert.equal(await epoch(store), before);
        }));
    }

    test('a rolled-back transaction leaves it where it was', () =>
      withStore(factory, async (store) => {
        await store.transaction(world);
        const before = await epoch(store);
        const boom = new Error('boom');
        let seen = 0;
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.attachments.attach(userRef(2), aPolicy(2).arn);
            await tx.inlinePolicies.put(userRef(2), { policyName: 'x', document: '{}' });
            seen = await tx.authzEpoch();
            assert.ok(seen > before, 'visible inside the transaction');
            throw boom;
          }),
          (e) => e === boom,
        );
        assert.equal(await epoch(store), before);
        assert.equal(await store.transaction((tx) => tx.attachments.countForEntity(userRef(2))), 0);

        // Facts cached under `seen` described the rolled-back state: that value must not come back.
        await store.transaction((tx) => tx.attachments.attach(userRef(2), awsPolicyArn('ReadOnlyAccess')));
        assert.ok((await epoch(store)) > seen);
      }));

    test('it survives reopening and never goes back, even across wipeAll', () =>
      withStore(factory, async (store, fixture) => {
        await store.transaction(world);
        const before = await epoch(store);
        await store.close();
        const reopened = await fixture.open();
        try {
          assert.equal(await epoch(reopened), before);
          await reopened.transaction((tx) => tx.wipeAll());
          const wiped = await epoch(reopened);
          assert.ok(wiped > before);
          await reopened.transaction(world);
          assert.ok((await epoch(reopened)) > wiped);
        } finally {
          await reopened.close();
        }
      }));
  });
}
