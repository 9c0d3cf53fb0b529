import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StoreTx, UserRecord } from '../port.ts';
import { aUser, at, inFreshTx, type StoreFixtureFactory } from './fixture.ts';

/** Reads every page of a user listing, checking each page's size as it goes. */
async function allPages(tx: StoreTx, pathPrefix: string, maxItems: number): Promise<UserRecord[][]> {
  const pages: UserRecord[][] = [];
  let marker: string | undefined;
  do {
    const page = await tx.users.list({ pathPrefix, maxItems, ...(marker !== undefined && { marker }) });
    assert.ok(page.items.length <= maxItems);
    if (page.marker !== undefined) assert.notEqual(page.marker, marker, 'a marker must advance');
    pages.push([...page.items]);
    marker = page.marker;
  } while (marker !== undefined);
  return pages;
}

export function usersContract(factory: StoreFixtureFactory): void {
  describe('users', () => {
    test('insert, then get by id and by name in any case; absence is undefined', () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1, { userName: 'Alice', path: '/eng/', tags: [{ key: 'team', value: 'red' }] });
        assert.equal(await tx.users.insert(user), 'inserted');
        assert.deepEqual(await tx.users.getById(user.userId), user);
        assert.deepEqual(await tx.users.getByName('alice'), user);
        assert.deepEqual(await tx.users.getByName('ALICE'), user);
        assert.equal(await tx.users.getByName('bob'), undefined);
        assert.equal(await tx.users.getById('AIDANOSUCHUSER'), undefined);
        const stored = await tx.users.getById(user.userId);
        assert.ok(stored && !('passwordLastUsed' in stored) && !('permissionsBoundaryArn' in stored));
      }));

    test('names are unique case-insensitively and kept as given; ids are unique', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.users.insert(aUser(1, { userName: 'Admins' })), 'inserted');
        assert.equal(await tx.users.insert(aUser(2, { userName: 'ADMINS' })), 'conflict');
        assert.equal(await tx.users.insert(aUser(1, { userName: 'other' })), 'conflict');
        assert.equal((await tx.users.getByName('admins'))?.userName, 'Admins');
        assert.equal(await tx.users.count(), 1);
      }));

    test('optional fields round-trip', () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1, {
          passwordLastUsed: at(5000),
          permissionsBoundaryArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          tags: [
            { key: 'b', value: '' },
            { key: 'a', value: 'x,y=z' },
          ],
        });
        await tx.users.insert(user);
        assert.deepEqual(await tx.users.getById(user.userId), user);
      }));

    test('update renames (keeping the id), moves, and sets or clears fields', () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1, { userName: 'alice' });
        await tx.users.insert(user);
        const boundary = 'arn:aws:iam::123456789012:policy/b';
        const patch = {
          userName: 'Alicia',
          path: '/x/',
          permissionsBoundaryArn: boundary,
          passwordLastUsed: at(9),
        };
        assert.equal(await tx.users.update(user.userId, patch), 'updated');
        assert.equal(await tx.users.getByName('alice'), undefined);
        const renamed = await tx.users.getByName('alicia');
        assert.deepEqual(renamed, { ...user, ...patch });
        assert.equal(
          await tx.users.update(user.userId, {
            permissionsBoundaryArn: null,
            tags: [{ key: 'k', value: 'v' }],
          }),
          'updated',
        );
        const cleared = await tx.users.getById(user.userId);
        assert.ok(cleared && !('permissionsBoundaryArn' in cleared));
        assert.deepEqual(cleared.tags, [{ key: 'k', value: 'v' }]);
        assert.equal(cleared.userName, 'Alicia', 'fields not in the patch are kept');
      }));

    test('explicit undefined: absent on insert, "leave as is" in a patch', () =>
      inFreshTx(factory, async (tx) => {
        const user = {
          ...aUser(1, { path: '/p/' }),
          passwordLastUsed: undefined,
          permissionsBoundaryArn: undefined,
        };
        await tx.users.insert(user);
        const stored = await tx.users.getById(user.userId);
        assert.ok(stored && !('passwordLastUsed' in stored) && !('permissionsBoundaryArn' in stored));
        const patch = {
          userName: undefined,
          path: undefined,
          permissionsBoundaryArn: undefined,
          tags: undefined,
        };
        assert.equal(await tx.users.update(user.userId, patch), 'updated');
        assert.deepEqual(await tx.users.getById(user.userId), stored);
      }));

    test('update reports a taken name and a missing user; a case-only rename of itself is fine', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1, { userName: 'alice' }));
        await tx.users.insert(aUser(2, { userName: 'bob' }));
        assert.equal(await tx.users.update(aUser(2).userId, { userName: 'ALICE' }), 'conflict');
        assert.equal((await tx.users.getById(aUser(2).userId))?.userName, 'bob');
        assert.equal(await tx.users.update(aUser(1).userId, { userName: 'ALICE' }), 'updated');
        assert.equal((await tx.users.getByName('alice'))?.userName, 'ALICE');
        assert.equal(await tx.users.update('AIDANOSUCHUSER', { path: '/p/' }), 'missing');
      }));

    test('delete removes the user and frees its name', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        assert.equal(await tx.users.delete(aUser(1).userId), true);
        assert.equal(await tx.users.delete(aUser(1).userId), false);
        assert.equal(await tx.users.getById(aUser(1).userId), undefined);
        assert.equal(await tx.users.insert(aUser(2, { userName: 'USER1' })), 'inserted');
      }));

    test('list: 250 users under a prefix in pages of 100, in case-insensitive name order', () =>
      inFreshTx(factory, async (tx) => {
        for (let n = 0; n < 250; n++)
          await tx.users.insert(aUser(n, { userName: n % 2 ? `U${n}` : `u${n}`, path: '/eng/' }));
        for (let n = 250; n < 280; n++) await tx.users.insert(aUser(n, { path: '/ops/' }));
        const pages = await allPages(tx, '/eng/', 100);
        assert.deepEqual(
          pages.map((page) => page.length),
          [100, 100, 50],
        );
        const names = pages.flat().map((user) => user.userName.toLowerCase());
        assert.deepEqual(names, [...names].sort(), 'ordered by lower-cased name');
        assert.equal(new Set(names).size, 250, 'no item twice, none skipped');
        assert.ok(pages.flat().every((user) => user.path === '/eng/'));
        assert.equal((await allPages(tx, '/', 1000)).flat().length, 280);
        assert.equal(
          (await allPages(tx, '/e', 1000)).flat().length,
          250,
          'the prefix is a plain string prefix',
        );
        assert.equal((await allPages(tx, '/nothing/', 10)).flat().length, 0);
        assert.equal(await tx.users.count(), 280);
      }));

    test('list: no marker when the last page is exactly full, or when empty', () =>
      inFreshTx(factory, async (tx) => {
        assert.deepEqual(await tx.users.list({ maxItems: 10 }), { items: [] });
        for (let n = 0; n < 4; n++) await tx.users.insert(aUser(n));
        const full = await tx.users.list({ maxItems: 4 });
        assert.equal(full.items.length, 4);
        assert.equal(full.marker, undefined);
        const first = await tx.users.list({ maxItems: 3 });
        assert.ok(first.marker !== undefined);
        const rest = await tx.users.list({ maxItems: 3, marker: first.marker });
        assert.deepEqual(
          rest.items.map((u) => u.userName),
          ['user3'],
        );
        assert.equal(rest.marker, undefined);
      }));

    test('list: a marker stays valid when its user is deleted meanwhile', () =>
      inFreshTx(factory, async (tx) => {
        for (let n = 0; n < 5; n++) await tx.users.insert(aUser(n));
        const first = await tx.users.list({ maxItems: 2 });
        await tx.users.delete(aUser(1).userId);
        const next = await tx.users.list({
          maxItems: 2,
          ...(first.marker !== undefined && { marker: first.marker }),
        });
        assert.deepEqual(
          next.items.map((u) => u.userName),
          ['user2', 'user3'],
        );
      }));

    test('list: the path prefix is literal (no wildcard characters)', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1, { path: '/a%b/' }));
        await tx.users.insert(aUser(2, { path: '/axb/' }));
        await tx.users.insert(aUser(3, { path: '/a_b/' }));
        const names = async (pathPrefix: string) =>
          (await tx.users.list({ pathPrefix, maxItems: 10 })).items.map((u) => u.userName);
        assert.deepEqual(await names('/a%'), ['user1']);
        assert.deepEqual(await names('/a_'), ['user3']);
        assert.deepEqual(await names('/A'), [], 'paths are case-sensitive');
      }));

    test('list: a garbled marker yields a page, not an error', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        const page = await tx.users.list({ maxItems: 10, marker: '%%not-a-marker%%' });
        assert.ok(Array.isArray(page.items));
      }));
  });
}
