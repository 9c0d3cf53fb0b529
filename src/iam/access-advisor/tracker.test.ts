import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fixedClock } from '../../core/index.ts';
import type { Store } from '../../store/port.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { Caller, Logger } from '../action.ts';
import { AccessTracker, type TrackerTimers } from './tracker.ts';

const ACCOUNT = '123456789012';
const T0 = new Date('2026-03-04T05:06:07.000Z');
const ALICE: Caller = {
  kind: 'user',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  accessKeyId: 'AKIAALICE',
  userId: 'AIDAALICE',
  userName: 'alice',
};
const SESSION: Caller = {
  kind: 'assumed-role',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIASESSION',
  userId: 'AROADEPLOY:ci',
  roleId: 'AROADEPLOY',
  roleName: 'deploy',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
  sessionName: 'ci',
  session: {
    kind: 'assumed-role',
    issueTime: T0,
    expiration: T0,
    mfaAuthenticated: false,
    tags: [],
    transitiveTagKeys: [],
    policyArns: [],
  },
};
const ROOT: Caller = {
  kind: 'root',
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  accountId: ACCOUNT,
  accessKeyId: 'R',
};

/** Timers that fire only when the test says so. */
function manualTimers(): TrackerTimers & { waits: number[]; fire(): void } {
  let due: (() => void) | undefined;
  const waits: number[] = [];
  return {
    waits,
    set(fn, ms) {
      due = fn;
      waits.push(ms);
      return waits.length;
    },
    clear() {
      due = undefined;
    },
    fire() {
      const fn = due;
      due = undefined;
      fn?.();
    },
  };
}

interface World {
  readonly store: Store;
  readonly tracker: AccessTracker;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly timers: ReturnType<typeof manualTimers>;
  readonly transactions: () => number;
  readonly errors: string[];
}

/** A tracker on a real SQLite file, counting the transactions it opens. */
async function withWorld(fn: (w: World) => Promise<void>, trackServices = true): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-tracker-'));
  const store = await openSqliteStore({ path: join(dir, 'warden.db') });
  let transactions = 0;
  const counted: Store = {
    transaction: (f) => {
      transactions++;
      return store.transaction(f);
    },
    close: () => store.close(),
  };
  const errors: string[] = [];
  const log: Logger = { info: () => undefined, warn: () => undefined, error: (m) => void errors.push(m) };
  const clock = fixedClock(T0);
  const timers = manualTimers();
  const tracker = new AccessTracker({ storeOf: () => counted, clock, log, timers, trackServices });
  try {
    await fn({ store, tracker, clock, timers, transactions: () => transactions, errors });
  } finally {
    await tracker.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const call = (caller: Caller, permission: string, offsetMs: number, region = 'us-east-1') => ({
  accountId: ACCOUNT,
  caller,
  permission,
  region,
  time: new Date(T0.getTime() + offsetMs),
});

const services = (store: Store, ids: string[], actions = false) =>
  store.transaction((tx) => tx.accessAdvisor.accessesOf(ids, { actions }));

describe('AccessTracker', () => {
  test('batches: a thousand calls make one transaction and one row per principal, service and action', () =>
    withWorld(async ({ store, tracker, timers, transactions }) => {
      for (let i = 0; i < 1000; i++) {
        tracker.track(call(ALICE, i % 2 === 0 ? 'iam:GetUser' : 'iam:ListUsers', i));
        tracker.track(call(ALICE, 's3:GetObject', i, 'eu-west-1'));
      }
      assert.equal(transactions(), 0, 'nothing is written on the request path');
      assert.deepEqual(timers.waits, [0], 'one timer for the whole batch');
      timers.fire();
      await tracker.flush();
      assert.equal(transactions(), 1);
      const rows = await services(store, ['AIDAALICE']);
      assert.deepEqual(
        rows.map((r) => [r.service, r.time.getTime() - T0.getTime(), r.region, r.entityArn]),
        [
          ['iam', 999, 'us-east-1', ALICE.arn],
          ['s3', 999, 'eu-west-1', ALICE.arn],
        ],
      );
      const actions = await services(store, ['AIDAALICE'], true);
      assert.deepEqual(
        actions.map((r) => [r.action, r.time.getTime() - T0.getTime()]),
        [
          ['GetUser', 998],
          ['ListUsers', 999],
        ],
        'iam is tracked per action, s3 per service only',
      );
    }));

  test('flushes at most once per interval: the first record at once, the next ones a second after the last flush', () =>
    withWorld(async ({ store, tracker, clock, timers, transactions }) => {
      tracker.track(call(ALICE, 'iam:GetUser', 0));
      assert.deepEqual(timers.waits, [0]);
      timers.fire();
      await tracker.flush();
      clock.advance(300);
      tracker.track(call(ALICE, 'sts:GetCallerIdentity', 300));
      tracker.track(call(ALICE, 'iam:ListRoles', 310));
      assert.deepEqual(timers.waits, [0, 700], 'waits for the rest of the second');
      assert.equal((await services(store, ['AIDAALICE'])).length, 1, 'not written before the timer');
      clock.advance(700);
      timers.fire();
      await tracker.flush();
      assert.equal(transactions(), 2);
      assert.deepEqual(
        (await services(store, ['AIDAALICE'])).map((r) => r.service),
        ['iam', 'sts'],
      );
      clock.advance(5000);
      tracker.track(call(ALICE, 'iam:GetUser', 6000));
      assert.deepEqual(timers.waits, [0, 700, 0], 'after a quiet second, at once again');
    }));

  test('a busy principal is rewritten once a minute, or when the region or the session changes; else no transaction', () =>
    withWorld(async ({ store, tracker, transactions }) => {
      tracker.track(call(ALICE, 's3:GetObject', 0));
      await tracker.flush();
      tracker.track(call(ALICE, 's3:GetObject', 30_000));
      await tracker.flush();
      assert.equal(transactions(), 1, 'the same use within the minute writes nothing');
      const timeOf = async () => (await services(store, ['AIDAALICE']))[0]?.time.getTime() ?? 0;
      assert.equal((await timeOf()) - T0.getTime(), 0);
      tracker.track(call(ALICE, 's3:GetObject', 40_000, 'eu-west-1'));
      await tracker.flush();
      assert.equal(transactions(), 2, 'another region is news');
      assert.equal((await timeOf()) - T0.getTime(), 40_000);
      tracker.track(call(ALICE, 's3:GetObject', 100_000, 'eu-west-1'));
      await tracker.flush();
      assert.equal(transactions(), 3, 'a minute later it is written again');
      assert.equal((await timeOf()) - T0.getTime(), 100_000);
    }));

  test('a role session counts for its role (the session is the entity); the root is not tracked', () =>
    withWorld(async ({ store, tracker }) => {
      tracker.track(call(SESSION, 'iam:ListUsers', 5, 'ap-south-1'));
      tracker.track(call(ROOT, 'iam:ListUsers', 6));
      await tracker.flush();
      const rows = await services(store, ['AROADEPLOY', 'AIDAALICE']);
      assert.deepEqual(
        rows.map((r) => [r.principalId, r.service, r.region, r.entityArn]),
        [['AROADEPLOY', 'iam', 'ap-south-1', SESSION.arn]],
      );
    }));

  test('close writes what is left, then ignores later records', () =>
    withWorld(async ({ store, tracker }) => {
      tracker.track(call(ALICE, 'iam:GetUser', 1));
      await tracker.close();
      assert.equal((await services(store, ['AIDAALICE'])).length, 1);
      tracker.track(call(ALICE, 's3:GetObject', 2));
      await tracker.flush();
      assert.equal((await services(store, ['AIDAALICE'])).length, 1);
    }));

  test("credential uses land in the key's and the role's last-used fields, newest kept", () =>
    withWorld(async ({ store, tracker }) => {
      await store.transaction(async (tx) => {
        await tx.accessKeys.insert({
          accessKeyId: 'AKIAROOTKEY',
          owner: 'root',
          status: 'Active',
          sealedSecret: 'x',
          createDate: T0,
        });
        await tx.roles.insert({
          roleId: 'AROADEPLOY',
          roleName: 'deploy',
          path: '/',
          assumeRolePolicyDocument: '{}',
          maxSessionDuration: 3600,
          createDate: T0,
          tags: [],
        });
      });
      const at = (ms: number) => new Date(T0.getTime() + ms);
      const key = { kind: 'key', accessKeyId: 'AKIAROOTKEY' } as const;
      tracker.credentialUsed({
        accountId: ACCOUNT,
        credential: key,
        time: at(9),
        service: 'sts',
        region: 'eu-west-1',
      });
      tracker.credentialUsed({
        accountId: ACCOUNT,
        credential: key,
        time: at(5),
        service: 'iam',
        region: 'x',
      });
      tracker.credentialUsed({
        accountId: ACCOUNT,
        credential: { kind: 'role', roleId: 'AROADEPLOY' },
        time: at(7),
        service: 'iam',
        region: 'us-west-2',
      });
      await tracker.flush();
      const [k, role] = await store.transaction(
        async (tx) => [await tx.accessKeys.get('AKIAROOTKEY'), await tx.roles.getById('AROADEPLOY')] as const,
      );
      assert.deepEqual([k?.lastUsedDate, k?.lastUsedService, k?.lastUsedRegion], [at(9), 'sts', 'eu-west-1']);
      assert.deepEqual(role?.lastUsed, { date: at(7), region: 'us-west-2' });
    }));

  test('records older than the tracking period (400 days) are purged as the flush writes', () =>
    withWorld(async ({ store, tracker }) => {
      tracker.track(call(ALICE, 'iam:GetUser', -401 * 24 * 3600 * 1000));
      tracker.track(call(ALICE, 's3:GetObject', 0));
      await tracker.flush();
      assert.deepEqual(
        (await services(store, ['AIDAALICE'])).map((r) => r.service),
        ['s3'],
      );
    }));

  test('with service tracking off, only the credentials are recorded', () =>
    withWorld(async ({ store, tracker }) => {
      tracker.track(call(ALICE, 'iam:GetUser', 1));
      await tracker.flush();
      assert.deepEqual(await services(store, ['AIDAALICE']), []);
    }, false));

  test('a failed write is logged and kept for the next flush', () =>
    withWorld(async ({ store, errors }) => {
      let attempts = 0;
      const flaky = new AccessTracker({
        storeOf: () => (++attempts === 1 ? Promise.reject(new Error('database is locked')) : store),
        clock: fixedClock(T0),
        log: { info: () => undefined, warn: () => undefined, error: (m) => void errors.push(m) },
        timers: manualTimers(),
      });
      flaky.track(call(ALICE, 'iam:GetUser', 1));
      await flaky.flush();
      assert.equal(errors.length, 1);
      assert.match(errors[0] ?? '', /writing usage records failed/);
      assert.deepEqual(await services(store, ['AIDAALICE']), []);
      await flaky.close();
      assert.equal(attempts, 2);
      assert.equal((await services(store, ['AIDAALICE'])).length, 1);
    }));
});
