import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROOT_OWNER, type ConsoleSessionRecord } from '../port.ts';
import { aKey, aUser, at, inFreshTx, T0, type StoreFixtureFactory } from './fixture.ts';

const session = (n: number, overrides: Partial<ConsoleSessionRecord> = {}): ConsoleSessionRecord => ({
  tokenHash: `hash-${n}`,
  kind: 'session',
  principal: ROOT_OWNER,
  createdAt: T0,
  lastSeenAt: T0,
  expiresAt: at(3_600_000),
  sourceIp: '192.0.2.1',
  ...overrides,
});

export function signInContract(factory: StoreFixtureFactory): void {
  describe('root login, console sessions, sealed secrets', () => {
    test('root login: absent, put, replace, recordUse', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.rootLogin.get(), undefined);
        assert.equal(await tx.rootLogin.recordUse(T0), false);
        await tx.rootLogin.put({ email: 'ops@example.com', passwordHash: 'h1', passwordChangedDate: T0 });
        assert.equal(await tx.rootLogin.recordUse(at(5)), true);
        assert.deepEqual(await tx.rootLogin.get(), {
          email: 'ops@example.com',
          passwordHash: 'h1',
          passwordChangedDate: T0,
          passwordLastUsed: at(5),
        });
        await tx.rootLogin.put({ email: 'new@example.com', passwordHash: 'h2', passwordChangedDate: at(9) });
        assert.deepEqual(await tx.rootLogin.get(), {
          email: 'new@example.com',
          passwordHash: 'h2',
          passwordChangedDate: at(9),
        });
      }));

    test('sessions: insert, get, touch only forward, single-use delete, per principal, purge', () =>
      inFreshTx(factory, async (tx) => {
        await tx.consoleSessions.insert(session(1, { mfaAt: T0 }));
        await tx.consoleSessions.insert(session(2, { kind: 'mfa', principal: 'AIDA1' }));
        await tx.consoleSessions.insert(session(3, { principal: 'AIDA1', expiresAt: at(10) }));
        assert.deepEqual(await tx.consoleSessions.get('hash-1'), session(1, { mfaAt: T0 }));
        assert.equal(await tx.consoleSessions.get('nope'), undefined);
        assert.equal(await tx.consoleSessions.touch('hash-1', at(1000)), true);
        assert.equal(await tx.consoleSessions.touch('hash-1', at(500)), true);
        assert.deepEqual((await tx.consoleSessions.get('hash-1'))?.lastSeenAt, at(1000));
        assert.equal(await tx.consoleSessions.touch('nope', at(1)), false);
        assert.equal(await tx.consoleSessions.delete('hash-2'), true);
        assert.equal(await tx.consoleSessions.delete('hash-2'), false);
        // hash-3 is past its absolute expiry; hash-1 was seen at 1000 (idle cut-off 999 keeps it).
        assert.equal(await tx.consoleSessions.purgeExpired(at(20), at(999)), 1);
        assert.equal(await tx.consoleSessions.purgeExpired(at(20), at(1001)), 1);
        await tx.consoleSessions.insert(session(4, { principal: 'AIDA9' }));
        await tx.consoleSessions.insert(session(5, { principal: 'AIDA9', kind: 'password-change' }));
        assert.equal(await tx.consoleSessions.deleteForPrincipal('AIDA9'), 2);
      }));

    test('sealed secrets: paged across kinds in a stable order, replaced only if unchanged', () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1);
        await tx.users.insert(user);
        for (const n of [1, 2, 3]) await tx.accessKeys.insert(aKey(n, user.userId));
        await tx.mfaDevices.insert({
          serialNumber: 'arn:aws:iam::123456789012:mfa/d',
          deviceName: 'd',
          path: '/',
          sealedSeed: 'v1.seed',
          createDate: T0,
          tags: [],
        });
        const first = await tx.sealedSecrets.page(undefined, 2);
        assert.deepEqual(
          first.map((r) => r.kind),
          ['access-key', 'access-key'],
        );
        const last = first[1]!;
        const rest = await tx.sealedSecrets.page({ kind: last.kind, id: last.id }, 10);
        assert.deepEqual(
          rest.map((r) => [r.kind, r.sealed]),
          [
            ['access-key', aKey(3, user.userId).sealedSecret],
            ['mfa-seed', 'v1.seed'],
          ],
        );
        const seed = rest[1]!;
        assert.equal(
          await tx.sealedSecrets.page({ kind: seed.kind, id: seed.id }, 10).then((p) => p.length),
          0,
        );
        assert.equal(await tx.sealedSecrets.replace(seed, 'v2.new'), true);
        assert.equal(await tx.sealedSecrets.replace(seed, 'v2.other'), false, 'changed since read');
        assert.equal((await tx.mfaDevices.get(seed.id))?.sealedSeed, 'v2.new');
      }));
  });
}
