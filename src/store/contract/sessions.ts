import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionRecord } from '../port.ts';
import { at, id, inFreshTx, withStore, type StoreFixtureFactory } from './fixture.ts';

export function aSession(n: number, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    accessKeyId: id('ASIA', n, 20),
    sealedSecret: `sealed-${n}`,
    tokenHash: 'ab'.repeat(32),
    kind: 'assumed-role',
    principalId: id('AROA', 1),
    roleArn: 'arn:aws:iam::123456789012:role/ops/deploy',
    sessionName: `s${n}`,
    issueTime: at(0),
    expiration: at(3_600_000 + n),
    policyArns: [],
    tags: [],
    transitiveTagKeys: [],
    mfaAuthenticated: false,
    ...overrides,
  };
}

export function sessionsContract(factory: StoreFixtureFactory): void {
  describe('store contract: sessions', () => {
    test('a session reads back as written, every field; absent optional fields stay absent', () =>
      inFreshTx(factory, async (tx) => {
        const full = aSession(1, {
          policy: '{"Version":"2012-10-17","Statement":[]}',
          policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          tags: [{ key: 'Project', value: 'x' }],
          transitiveTagKeys: ['Project'],
          sourceIdentity: 'alice',
          mfaAuthenticated: true,
          mfaAuthTime: at(5),
          chainedFrom: id('ASIA', 9, 20),
        });
        assert.equal(await tx.sessions.insert(full), 'inserted');
        assert.deepEqual(await tx.sessions.get(full.accessKeyId), full);
        const bare = aSession(2, { kind: 'session-token', principalId: 'root', roleArn: undefined });
        assert.equal(await tx.sessions.insert(bare), 'inserted');
        const { roleArn: _roleArn, ...expected } = bare;
        assert.deepEqual(await tx.sessions.get(bare.accessKeyId), expected);
        assert.equal(await tx.sessions.insert(aSession(2)), 'conflict');
        assert.equal(await tx.sessions.get('ASIAUNKNOWN'), undefined);
      }));

    test('expired sessions are purged; others stay; sessions of a principal are deleted together', () =>
      inFreshTx(factory, async (tx) => {
        await tx.sessions.insert(aSession(1, { expiration: at(10) }));
        await tx.sessions.insert(aSession(2, { expiration: at(20) }));
        await tx.sessions.insert(aSession(3, { expiration: at(30), principalId: 'AIDAOTHER' }));
        assert.equal(await tx.sessions.purgeExpired(at(20)), 1);
        assert.equal(await tx.sessions.get(aSession(1).accessKeyId), undefined);
        assert.notEqual(await tx.sessions.get(aSession(2).accessKeyId), undefined);
        assert.equal(await tx.sessions.deleteForPrincipal(id('AROA', 1)), 1);
        assert.notEqual(await tx.sessions.get(aSession(3).accessKeyId), undefined);
      }));

    test('sessions survive closing and reopening the store', () =>
      withStore(factory, async (store, fixture) => {
        await store.transaction((tx) => tx.sessions.insert(aSession(1)));
        await store.close();
        const again = await fixture.open();
        try {
          assert.deepEqual(
            await again.transaction((tx) => tx.sessions.get(aSession(1).accessKeyId)),
            aSession(1),
          );
        } finally {
          await again.close();
        }
      }));
  });
}
