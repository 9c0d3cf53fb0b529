import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { isStoreError, type Store, type StoreTx } from '../port.ts';
import { aGroup, aUser, withStore, type StoreFixtureFactory } from './fixture.ts';

const userNames = (store: Store): Promise<string[]> =>
  store.transaction(async (tx) => (await tx.users.list({ maxItems: 1000 })).items.map((u) => u.userName));

async function increment(tx: StoreTx): Promise<void> {
  const value = Number((await tx.settings.get('counter')) ?? '0');
  await sleep(1); // give another transaction every chance to interleave
  await tx.settings.put('counter', String(value + 1));
}

export function transactionsContract(factory: StoreFixtureFactory): void {
  describe('transactions', () => {
    test('commit returns the result of fn', () =>
      withStore(factory, async (store) => {
        const result = await store.transaction(async (tx) => tx.users.insert(aUser(1)));
        assert.equal(result, 'inserted');
        assert.deepEqual(await userNames(store), ['user1']);
      }));

    test('a throw rolls back everything the transaction wrote and rethrows the same error', () =>
      withStore(factory, async (store) => {
        const boom = new Error('boom');
        const attempt = store.transaction(async (tx) => {
          await tx.users.insert(aUser(1));
          await tx.groups.insert(aGroup(1));
          await tx.settings.put('k', 'v');
          throw boom;
        });
        await assert.rejects(attempt, (e) => e === boom);
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.counts(), {
            users: 0,
            groups: 0,
            policies: 0,
            policyVersionsInUse: 0,
            roles: 0,
            instanceProfiles: 0,
          });
          assert.equal(await tx.settings.get('k'), undefined);
        });
      }));

    test('a driver error mid-transaction rolls back the earlier writes too', () =>
      withStore(factory, async (store) => {
        const attempt = store.transaction(async (tx) => {
          await tx.users.insert(aUser(1));
          await tx.groups.addMember('AGPANOSUCHGROUP', aUser(1).userId);
        });
        await assert.rejects(attempt, isStoreError);
        assert.deepEqual(await userNames(store), []);
      }));

    test('overlapping transactions do not interleave', () =>
      withStore(factory, async (store) => {
        const log: string[] = [];
        const slow = store.transaction(async (tx) => {
          log.push('A1');
          await tx.users.insert(aUser(1));
          await sleep(30);
          await tx.users.insert(aUser(2));
          log.push('A2');
        });
        await sleep(5);
        const fast = store.transaction(async (tx) => {
          await tx.users.count();
          log.push('B');
        });
        await Promise.all([slow, fast]);
        assert.deepEqual(log, ['A1', 'A2', 'B']);
      }));

    test('concurrent read-modify-write transactions lose no update', () =>
      withStore(factory, async (store) => {
        await Promise.all(Array.from({ length: 20 }, () => store.transaction(increment)));
        assert.equal(await store.transaction((tx) => tx.settings.get('counter')), '20');
      }));

    test('among concurrent transactions, exactly the failing ones leave nothing behind', () =>
      withStore(factory, async (store) => {
        const runs = Array.from({ length: 30 }, (_, n) =>
          store.transaction(async (tx) => {
            await tx.users.insert(aUser(n));
            if (n % 3 === 0) throw new Error(`fail ${n}`);
          }),
        );
        const outcomes = await Promise.allSettled(runs);
        assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 10);
        const expected = Array.from({ length: 30 }, (_, n) => n).filter((n) => n % 3 !== 0);
        assert.deepEqual((await userNames(store)).sort(), expected.map((n) => `user${n}`).sort());
      }));

    test('the lock is taken at the first store call: slow work before it blocks nobody', () =>
      withStore(factory, async (store) => {
        const log: string[] = [];
        const slow = store.transaction(async (tx) => {
          await sleep(40); // e.g. hashing a password
          await tx.users.insert(aUser(1));
          log.push('slow');
        });
        await sleep(5);
        await store.transaction(async (tx) => {
          await tx.users.insert(aUser(2));
          log.push('fast');
        });
        await slow;
        assert.deepEqual(log, ['fast', 'slow']);
      }));

    test('a transaction that never touches the store just returns', () =>
      withStore(factory, async (store) => {
        assert.equal(await store.transaction(() => Promise.resolve(42)), 42);
      }));

    test('using tx after its transaction ended is refused', () =>
      withStore(factory, async (store) => {
        let leaked: StoreTx | undefined;
        await store.transaction(async (tx) => {
          leaked = tx;
          await tx.users.count();
        });
        assert.ok(leaked);
        await assert.rejects(leaked.users.count(), (e) => isStoreError(e) && e.kind === 'closed');
      }));
  });

  describe('durability and close', () => {
    test('a resolved transaction is visible to a second connection at once', () =>
      withStore(factory, async (store, fixture) => {
        await store.transaction((tx) => tx.users.insert(aUser(1)));
        const other = await fixture.open();
        try {
          assert.deepEqual(await userNames(other), ['user1']);
        } finally {
          await other.close();
        }
      }));

    test('committed data survives close and reopen; rolled-back data does not', async () => {
      const fixture = await factory();
      try {
        const first = await fixture.open();
        await first.transaction((tx) => tx.users.insert(aUser(1, { tags: [{ key: 'k', value: 'v' }] })));
        await first
          .transaction(async (tx) => {
            await tx.users.insert(aUser(2));
            throw new Error('rolled back');
          })
          .catch(() => undefined);
        await first.close();
        const second = await fixture.open();
        try {
          assert.deepEqual(
            await second.transaction((tx) => tx.users.getById(aUser(1).userId)),
            aUser(1, { tags: [{ key: 'k', value: 'v' }] }),
          );
          assert.deepEqual(await userNames(second), ['user1']);
        } finally {
          await second.close();
        }
      } finally {
        await fixture.dispose();
      }
    });

    test('close waits for the running transaction; later transactions are refused', async () => {
      const fixture = await factory();
      try {
        const store = await fixture.open();
        const running = store.transaction(async (tx) => {
          await tx.users.insert(aUser(1));
          await sleep(30);
          await tx.users.insert(aUser(2));
        });
        await sleep(5);
        await store.close();
        await running;
        await assert.rejects(
          store.transaction((tx) => tx.users.count()),
          (e) => isStoreError(e) && e.kind === 'closed',
        );
        await store.close(); // idempotent
        const reopened = await fixture.open();
        try {
          assert.deepEqual(await userNames(reopened), ['user1', 'user2']);
        } finally {
          await reopened.close();
        }
      } finally {
        await fixture.dispose();
      }
    });
  });
}
