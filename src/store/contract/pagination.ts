import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { StoreTx } from '../port.ts';
import { aUser, inFreshTx, type StoreFixtureFactory } from './fixture.ts';

/** IAM name characters, upper and lower case mixed, so case-folding and ordering are exercised. */
const nameArb = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,12}$/);
const pathArb = fc.constantFrom('/', '/a/', '/a/b/', '/b/');

async function listAll(tx: StoreTx, pathPrefix: string, maxItems: number): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await tx.users.list({ pathPrefix, maxItems, marker });
    names.push(...page.items.map((user) => user.userName));
    marker = page.marker;
  } while (marker !== undefined);
  return names;
}

export function paginationContract(factory: StoreFixtureFactory): void {
  describe('pagination (property)', () => {
    test('pages concatenate to exactly the filtered users, in lower-cased name order', () =>
      inFreshTx(factory, async (tx) => {
        const sample = fc.record({
          users: fc.uniqueArray(fc.record({ name: nameArb, path: pathArb }), {
            maxLength: 40,
            selector: (u) => u.name.toLowerCase(),
          }),
          prefix: fc.constantFrom('/', '/a/', '/a/b', '/b/', '/c/'),
          maxItems: fc.integer({ min: 1, max: 15 }),
        });
        await fc.assert(
          fc.asyncProperty(sample, async ({ users, prefix, maxItems }) => {
            await tx.wipeAll();
            for (const [n, u] of users.entries())
              await tx.users.insert(aUser(n, { userName: u.name, path: u.path }));
            const expected = users
              .filter((u) => u.path.startsWith(prefix))
              .map((u) => u.name)
              .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
            assert.deepEqual(await listAll(tx, prefix, maxItems), expected);
          }),
          { numRuns: 60 },
        );
      }));
  });
}
