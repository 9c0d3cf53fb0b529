import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError } from '../port.ts';
import { aGroup, aUser, inFreshTx, type StoreFixtureFactory } from './fixture.ts';

export function groupsContract(factory: StoreFixtureFactory): void {
  describe('groups', () => {
    test('insert, get by id and by name in any case, conflicts, update, delete', () =>
      inFreshTx(factory, async (tx) => {
        const group = aGroup(1, { groupName: 'Admins', path: '/ops/' });
        assert.equal(await tx.groups.insert(group), 'inserted');
        assert.equal(await tx.groups.insert(aGroup(2, { groupName: 'ADMINS' })), 'conflict');
        assert.deepEqual(await tx.groups.getByName('admins'), group);
        assert.deepEqual(await tx.groups.getById(group.groupId), group);
        assert.equal(await tx.groups.getByName('nobody'), undefined);

        await tx.groups.insert(aGroup(3, { groupName: 'devs' }));
        assert.equal(await tx.groups.update(group.groupId, { groupName: 'DEVS' }), 'conflict');
        assert.equal(
          await tx.groups.update(group.groupId, { groupName: 'Operators', path: '/x/' }),
          'updated',
        );
        assert.deepEqual(await tx.groups.getByName('operators'), {
          ...group,
          groupName: 'Operators',
          path: '/x/',
        });
        assert.equal(await tx.groups.update('AGPANOSUCHGROUP', { path: '/' }), 'missing');

        assert.equal(await tx.groups.count(), 2);
        assert.equal(await tx.groups.delete(group.groupId), true);
        assert.equal(await tx.groups.delete(group.groupId), false);
        assert.equal(await tx.groups.count(), 1);
      }));

    test('list with a path prefix, paginated in name order', () =>
      inFreshTx(factory, async (tx) => {
        for (let n = 0; n < 25; n++) await tx.groups.insert(aGroup(n, { path: n < 20 ? '/a/' : '/b/' }));
        const first = await tx.groups.list({ pathPrefix: '/a/', maxItems: 15 });
        assert.equal(first.items.length, 15);
        assert.ok(first.marker !== undefined);
        const second = await tx.groups.list({ pathPrefix: '/a/', maxItems: 15, marker: first.marker });
        assert.equal(second.items.length, 5);
        assert.equal(second.marker, undefined);
        const names = [...first.items, ...second.items].map((g) => g.groupName);
        assert.deepEqual(names, [...names].sort());
        assert.equal(new Set(names).size, 20);
      }));
  });

  describe('group membership', () => {
    test('add is idempotent; isMember, remove, counts', () =>
      inFreshTx(factory, async (tx) => {
        const [user, group] = [aUser(1), aGroup(1)];
        await tx.users.insert(user);
        await tx.groups.insert(group);
        assert.equal(await tx.groups.isMember(group.groupId, user.userId), false);
        assert.equal(await tx.groups.addMember(group.groupId, user.userId), true);
        assert.equal(await tx.groups.addMember(group.groupId, user.userId), false);
        assert.equal(await tx.groups.isMember(group.groupId, user.userId), true);
        assert.equal(await tx.groups.countMembers(group.groupId), 1);
        assert.equal(await tx.groups.countGroupsForUser(user.userId), 1);
        assert.equal(await tx.groups.removeMember(group.groupId, user.userId), true);
        assert.equal(await tx.groups.removeMember(group.groupId, user.userId), false);
        assert.equal(await tx.groups.countMembers(group.groupId), 0);
      }));

    test('members and groups-for-user are paginated in name order, and follow renames', () =>
      inFreshTx(factory, async (tx) => {
        const group = aGroup(100);
        await tx.groups.insert(group);
        for (let n = 0; n < 12; n++) {
          await tx.users.insert(aUser(n, { userName: `member-${String.fromCharCode(108 - n)}` }));
          await tx.groups.addMember(group.groupId, aUser(n).userId);
        }
        const first = await tx.groups.listMembers(group.groupId, { maxItems: 10 });
        const rest = await tx.groups.listMembers(group.groupId, {
          maxItems: 10,
          ...(first.marker !== undefined && { marker: first.marker }),
        });
        assert.equal(first.items.length, 10);
        assert.equal(rest.items.length, 2);
        assert.equal(rest.marker, undefined);
        const names = [...first.items, ...rest.items].map((u) => u.userName);
        assert.deepEqual(names, [...names].sort());

        const user = aUser(0);
        for (let n = 0; n < 3; n++) {
          await tx.groups.insert(aGroup(n, { groupName: `g-${3 - n}` }));
          await tx.groups.addMember(aGroup(n).groupId, user.userId);
        }
        await tx.groups.update(aGroup(0).groupId, { groupName: 'a-renamed' });
        const groups = await tx.groups.listGroupsForUser(user.userId, { maxItems: 2 });
        assert.deepEqual(
          groups.items.map((g) => g.groupName),
          ['a-renamed', 'g-1'],
        );
        const more = await tx.groups.listGroupsForUser(user.userId, {
          maxItems: 2,
          ...(groups.marker !== undefined && { marker: groups.marker }),
        });
        assert.deepEqual(
          more.items.map((g) => g.groupName),
          ['g-2', 'group100'],
        );
        assert.equal(more.marker, undefined);
        assert.equal(await tx.groups.countGroupsForUser(user.userId), 4);
      }));

    test('a group with members, or a member user, cannot be deleted (StoreError constraint)', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        await tx.groups.insert(aGroup(1));
        await tx.groups.addMember(aGroup(1).groupId, aUser(1).userId);
        const constraint = (e: unknown) => isStoreError(e) && e.kind === 'constraint';
        await assert.rejects(tx.groups.delete(aGroup(1).groupId), constraint);
        await assert.rejects(tx.users.delete(aUser(1).userId), constraint);
        assert.ok(await tx.groups.getById(aGroup(1).groupId), 'the failed statement changed nothing');
      }));

    test('membership needs an existing user and group', () =>
      inFreshTx(factory, async (tx) => {
        await tx.groups.insert(aGroup(1));
        await assert.rejects(tx.groups.addMember(aGroup(1).groupId, 'AIDANOSUCHUSER'), isStoreError);
      }));
  });
}
