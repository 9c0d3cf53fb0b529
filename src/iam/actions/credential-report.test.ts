import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../store/port.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { BackgroundJobs } from '../action.ts';
import { CREDENTIAL_REPORT_HEADER } from '../reports/credential-report-csv.ts';
import { generateCredentialReport } from '../reports/credential-report-generator.ts';
import { harnessWith, START, wardenError, type Harness } from '../testing/harness.ts';
import {
  CreateAccessKey,
  CreateLoginProfile,
  CreateUser,
  GenerateCredentialReport,
  GetCredentialReport,
  PutUserPolicy,
  UpdateAccessKey,
  UpdateAccountPasswordPolicy,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);
const HOUR = 3_600_000;
const ACCT = '123456789012';

const reportText = async (h: Harness): Promise<string> =>
  Buffer.from((await h.call(GetCredentialReport, {})).Content).toString('utf8');

/** Each data row as column name -> value, by user name. */
function rowsOf(csv: string): Map<string, Record<string, string>> {
  const [header, ...rows] = csv.split('\n');
  const names = (header ?? '').split(',');
  return new Map(
    rows.map((row) => {
      const values = row.split(',');
      return [values[0] ?? '', Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']))];
    }),
  );
}

/** Jobs that are started but run only when the test says so (a server's background, held). */
function heldJobs(store: Store) {
  const queued = new Map<string, (store: Store) => Promise<void>>();
  const jobs: BackgroundJobs = {
    start: (key, job) => (queued.has(key) ? false : (queued.set(key, job), true)),
    running: (key) => queued.has(key),
  };
  return {
    jobs,
    async runAll() {
      for (const [key, job] of queued) {
        await job(store);
        queued.delete(key);
      }
    },
  };
}

describe('GenerateCredentialReport / GetCredentialReport', () => {
  test('ReportNotPresent (no message, as AWS) before any generation', () =>
    withHarness(async (h) => {
      await assert.rejects(h.call(GetCredentialReport, {}), wardenError('ReportNotPresent', ''));
    }));

  test("STARTED with AWS's description, then COMPLETE for four hours; the report is the CSV", () =>
    withHarness(async (h) => {
      assert.deepEqual(await h.call(GenerateCredentialReport, {}), {
        State: 'STARTED',
        Description: 'No report exists. Starting a new report generation task',
      });
      assert.deepEqual(await h.call(GenerateCredentialReport, {}), { State: 'COMPLETE' });
      const report = await h.call(GetCredentialReport, {});
      assert.equal(report.ReportFormat, 'text/csv');
      assert.deepEqual(report.GeneratedTime, START);
      assert.equal(
        Buffer.from(report.Content).toString('utf8'),
        `${CREDENTIAL_REPORT_HEADER}\n<root_account>,arn:aws:iam::${ACCT}:root,2026-01-02T03:04:05+00:00,not_supported,no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      );
      h.clock.advance(4 * HOUR - 1000);
      assert.deepEqual(await h.call(GenerateCredentialReport, {}), { State: 'COMPLETE' });
      await h.call(CreateUser, { UserName: 'late' });
      assert.equal(rowsOf(await reportText(h)).has('late'), false, 'a younger report is served as is');
    }));

  test('after four hours: Get says ReportExpired, Generate starts a new report (no description)', () =>
    withHarness(async (h) => {
      await h.call(GenerateCredentialReport, {});
      await h.call(CreateUser, { UserName: 'late' });
      h.clock.advance(4 * HOUR);
      await assert.rejects(h.call(GetCredentialReport, {}), wardenError('ReportExpired', ''));
      assert.deepEqual(await h.call(GenerateCredentialReport, {}), { State: 'STARTED' });
      const report = await h.call(GetCredentialReport, {});
      assert.deepEqual(report.GeneratedTime, new Date(START.getTime() + 4 * HOUR));
      assert.equal(rowsOf(Buffer.from(report.Content).toString('utf8')).has('late'), true);
    }));

  test('in the background: ReportInProgress and INPROGRESS until the job has run', () =>
    withHarness(async (h) => {
      const held = heldJobs(h.store);
      const generate = () =>
        h.store.transaction((tx) => GenerateCredentialReport.run({}, { ...h.context(tx), jobs: held.jobs }));
      assert.equal((await generate()).State, 'STARTED');
      await assert.rejects(h.call(GetCredentialReport, {}), wardenError('ReportInProgress', ''));
      assert.deepEqual(await generate(), { State: 'INPROGRESS' });
      await held.runAll();
      assert.deepEqual(await generate(), { State: 'COMPLETE' });
      assert.match(await reportText(h), /^user,arn,/);
    }));

  test('a generation left unfinished (job gone) is started afresh; the old job then stops', () =>
    withHarness(async (h) => {
      const first = heldJobs(h.store);
      await h.store.transaction((tx) =>
        GenerateCredentialReport.run({}, { ...h.context(tx), jobs: first.jobs }),
      );
      const second = heldJobs(h.store);
      const again = await h.store.transaction((tx) =>
        GenerateCredentialReport.run({}, { ...h.context(tx), jobs: second.jobs }),
      );
      assert.deepEqual(again, { State: 'STARTED' });
      await first.runAll(); // superseded: writes nothing
      await assert.rejects(h.call(GetCredentialReport, {}), wardenError('ReportInProgress', ''));
      await second.runAll();
      assert.equal(rowsOf(await reportText(h)).size, 1, 'one root row, written once');
    }));

  test('a row per user with its live credential state', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, { MaxPasswordAge: 90 });
      for (const UserName of ['nopass', 'unused', 'used', 'keys', 'mfa'])
        await h.call(CreateUser, { UserName });
      await h.call(CreateLoginProfile, { UserName: 'unused', Password: 'Correct-Horse-7!' });
      await h.call(CreateLoginProfile, { UserName: 'used', Password: 'Correct-Horse-7!' });
      const signIn = new Date(START.getTime() + HOUR);
      await h.store.transaction(async (tx) => {
        const used = await tx.users.getByName('used');
        await tx.users.update(used?.userId ?? '', { passwordLastUsed: signIn });
      });
      const { AccessKey: old } = await h.call(CreateAccessKey, { UserName: 'keys' });
      await h.call(UpdateAccessKey, { UserName: 'keys', AccessKeyId: old.AccessKeyId, Status: 'Inactive' });
      h.clock.advance(HOUR);
      const { AccessKey: rotated } = await h.call(CreateAccessKey, { UserName: 'keys' });
      await h.store.transaction((tx) =>
        tx.accessKeys.recordUse(rotated.AccessKeyId, { date: signIn, service: 'sts', region: 'eu-west-1' }),
      );
      await h.store.transaction(async (tx) => {
        const mfa = await tx.users.getByName('mfa');
        const serial = `arn:aws:iam::${ACCT}:mfa/mfa`;
        await tx.mfaDevices.insert({
          serialNumber: serial,
          deviceName: 'mfa',
          path: '/',
          sealedSeed: 's',
          createDate: START,
          tags: [],
        });
        await tx.mfaDevices.assign(serial, mfa?.userId ?? '', START, 1);
      });
      await h.call(GenerateCredentialReport, {});
      const csv = await reportText(h);
      const rows = rowsOf(csv);
      assert.deepEqual([...rows.keys()], ['<root_account>', 'keys', 'mfa', 'nopass', 'unused', 'used']);
      const created = '2026-01-02T03:04:05+00:00';
      const pick = (user: string, ...columns: string[]) => columns.map((c) => rows.get(user)?.[c]);
      const PASSWORD = [
        'password_enabled',
        'password_last_used',
        'password_last_changed',
        'password_next_rotation',
      ];
      assert.deepEqual(pick('nopass', 'arn', 'user_creation_time', ...PASSWORD, 'mfa_active'), [
        `arn:aws:iam::${ACCT}:user/nopass`,
        created,
        'false',
        'N/A',
        'N/A',
        'N/A',
        'false',
      ]);
      assert.deepEqual(pick('unused', ...PASSWORD), [
        'true',
        'no_information',
        created,
        '2026-04-02T03:04:05+00:00',
      ]);
      assert.deepEqual(pick('used', ...PASSWORD), [
        'true',
        '2026-01-02T04:04:05+00:00',
        created,
        '2026-04-02T03:04:05+00:00',
      ]);
      assert.deepEqual(pick('mfa', 'mfa_active'), ['true']);
      assert.deepEqual(
        pick('keys', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date'),
        ['false', created, 'N/A'],
      );
      assert.deepEqual(
        pick(
          'keys',
          'access_key_2_active',
          'access_key_2_last_rotated',
          'access_key_2_last_used_date',
          'access_key_2_last_used_region',
          'access_key_2_last_used_service',
        ),
        ['true', '2026-01-02T04:04:05+00:00', '2026-01-02T04:04:05+00:00', 'eu-west-1', 'sts'],
      );
    }));

  test('generation in small pages writes the same report as in one', () =>
    withHarness(async (h) => {
      for (let i = 0; i < 7; i++) {
        await h.call(CreateUser, { UserName: `user-${i}` });
        if (i % 2 === 0) await h.call(CreateAccessKey, { UserName: `user-${i}` });
      }
      await h.call(GenerateCredentialReport, {});
      const whole = await reportText(h);
      for (const pageSize of [1, 2, 7]) {
        const generation = await h.store.transaction((tx) => tx.credentialReport.start(START));
        const done = await generateCredentialReport((fn) => h.store.transaction(fn), {
          account: h.account,
          generation,
          startedAt: START,
          pageSize,
        });
        assert.equal(done, true);
        assert.equal(await reportText(h), whole, `page size ${pageSize}`);
      }
    }));

  test('gated by iam:GenerateCredentialReport and iam:GetCredentialReport on *', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'auditor' });
      const auditor = await h.userCaller('auditor');
      await assert.rejects(
        h.call(GenerateCredentialReport, {}, auditor),
        wardenError('AccessDenied', /iam:GenerateCredentialReport on resource: \*/),
      );
      await h.call(PutUserPolicy, {
        UserName: 'auditor',
        PolicyName: 'audit',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 'iam:GenerateCredentialReport', Resource: '*' },
        }),
      });
      assert.equal((await h.call(GenerateCredentialReport, {}, auditor)).State, 'STARTED');
      await assert.rejects(
        h.call(GetCredentialReport, {}, auditor),
        wardenError('AccessDenied', /iam:GetCredentialReport on resource: \*/),
      );
    }));
});
