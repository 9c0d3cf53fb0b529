import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WorkloadRecord } from '../port.ts';
import { at, inFreshTx, T0, type StoreFixtureFactory } from './fixture.ts';

const workload = (n: number, overrides: Partial<WorkloadRecord> = {}): WorkloadRecord => ({
  workloadId: `i-${String(n).padStart(17, '0')}`,
  binding: { kind: 'instance-profile', name: `Profile${n}` },
  tokenHash: `hash-${n}`,
  imdsPort: 40_000 + n,
  createDate: at(n),
  ...overrides,
});

export function workloadsContract(factory: StoreFixtureFactory): void {
  describe('workloads', () => {
    test('insert, get, list in id order; id and token hash are unique', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.workloads.get(workload(1).workloadId), undefined);
        assert.deepEqual(await tx.workloads.list(), []);
        const two = workload(2, { binding: { kind: 'role', name: 'EC2-S3-Access' } });
        assert.equal(await tx.workloads.insert(two), 'inserted');
        assert.equal(await tx.workloads.insert(workload(1)), 'inserted');
        assert.deepEqual(await tx.workloads.get(two.workloadId), two);
        assert.deepEqual(await tx.workloads.list(), [workload(1), two]);
        const cases: [string, WorkloadRecord][] = [
          ['same id', workload(1, { tokenHash: 'other' })],
          ['same token hash', workload(3, { tokenHash: 'hash-1' })],
        ];
        for (const [name, record] of cases) {
          assert.equal(await tx.workloads.insert(record), 'conflict', name);
        }
        assert.deepEqual(await tx.workloads.get(workload(1).workloadId), workload(1));
      }));

    test('setImdsPort and delete say whether the workload existed', () =>
      inFreshTx(factory, async (tx) => {
        const one = workload(1);
        await tx.workloads.insert(one);
        assert.equal(await tx.workloads.setImdsPort(one.workloadId, 50_001), true);
        assert.equal((await tx.workloads.get(one.workloadId))?.imdsPort, 50_001);
        assert.equal(await tx.workloads.setImdsPort('i-nope', 50_002), false);
        assert.equal(await tx.workloads.delete(one.workloadId), true);
        assert.equal(await tx.workloads.delete(one.workloadId), false);
        assert.equal(await tx.workloads.get(one.workloadId), undefined);
      }));

    test('kept across a reopen, gone after wipeAll', async () => {
      const fixture = await factory();
      try {
        const first = await fixture.open();
        await first.transaction((tx) => tx.workloads.insert(workload(7, { createDate: T0 })));
        await first.close();
        const again = await fixture.open();
        try {
          assert.deepEqual(await again.transaction((tx) => tx.workloads.list()), [
            workload(7, { createDate: T0 }),
          ]);
          await again.transaction((tx) => tx.wipeAll());
          assert.deepEqual(await again.transaction((tx) => tx.workloads.list()), []);
        } finally {
          await again.close();
        }
      } finally {
        await fixture.dispose();
      }
    });
  });
}
