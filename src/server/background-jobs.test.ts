import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Logger } from '../iam/action.ts';
import type { Store } from '../store/port.ts';
import { accountJobs, JobRunner } from './background-jobs.ts';

function recordingLog(): Logger & { errors: Record<string, unknown>[] } {
  const errors: Record<string, unknown>[] = [];
  return { info: () => undefined, warn: () => undefined, error: (_m, f = {}) => errors.push(f), errors };
}

/** A promise and the function that settles it: a job the test finishes when it chooses. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

test('one job per key: a second start while it runs is refused; the key is free again after', async () => {
  const runner = new JobRunner(recordingLog());
  const first = gate();
  let runs = 0;
  assert.equal(
    runner.start('k', () => (runs++, first.promise)),
    true,
  );
  assert.equal(
    runner.start('k', () => (runs++, Promise.resolve())),
    false,
  );
  assert.equal(runner.running('k'), true);
  assert.equal(
    runner.start('other', () => Promise.resolve()),
    true,
    'other keys are independent',
  );
  first.open();
  await runner.drain();
  assert.equal(runs, 1);
  assert.equal(runner.running('k'), false);
  assert.equal(
    runner.start('k', () => Promise.resolve()),
    true,
  );
  await runner.drain();
});

test('a job runs after the current turn, not inside the caller', async () => {
  const runner = new JobRunner(recordingLog());
  let ran = false;
  runner.start('k', () => {
    ran = true;
    return Promise.resolve();
  });
  assert.equal(ran, false);
  await runner.drain();
  assert.equal(ran, true);
});

test('a failure is logged with its key and frees the key', async () => {
  const log = recordingLog();
  const runner = new JobRunner(log);
  runner.start('k', () => Promise.reject(new Error('disk full')));
  await runner.drain();
  assert.equal(log.errors.length, 1);
  assert.equal(log.errors[0]?.job, 'k');
  assert.match(String(log.errors[0]?.error), /disk full/);
  assert.equal(runner.running('k'), false);
});

test("accountJobs scopes keys to the account and hands the job that account's store", async () => {
  const runner = new JobRunner(recordingLog());
  const storeA = { name: 'a' } as unknown as Store;
  const storeB = { name: 'b' } as unknown as Store;
  const a = accountJobs(runner, '111111111111', storeA);
  const b = accountJobs(runner, '222222222222', storeB);
  const seen: Store[] = [];
  const hold = gate();
  assert.equal(
    a.start('report', (store) => (seen.push(store), hold.promise)),
    true,
  );
  assert.equal(
    b.start('report', (store) => (seen.push(store), Promise.resolve())),
    true,
  );
  assert.equal(a.running('report'), true);
  assert.equal(runner.running('111111111111/report'), true);
  hold.open();
  await runner.drain();
  assert.deepEqual(new Set(seen), new Set([storeA, storeB]));
});
