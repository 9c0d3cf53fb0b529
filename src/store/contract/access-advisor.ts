import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessReportJobRecord, ServiceAccessRecord } from '../port.ts';
import { at, inFreshTx, type StoreFixtureFactory } from './fixture.ts';

const USER = 'AIDAUSER0000000000001';
const OTHER = 'AIDAUSER0000000000002';
const ROLE = 'AROAROLE0000000000001';

const use = (
  principalId: string,
  service: string,
  offset: number,
  more: Partial<ServiceAccessRecord> = {},
): ServiceAccessRecord => ({
  principalId,
  service,
  time: at(offset),
  region: 'us-east-1',
  entityArn: `arn:aws:iam::123456789012:user/${principalId}`,
  ...more,
});

const aJob = (n: number, more: Partial<AccessReportJobRecord> = {}): AccessReportJobRecord => ({
  jobId: `00000000-0000-4000-8000-00000000000${n}`,
  arn: 'arn:aws:iam::123456789012:user/alice',
  granularity: 'SERVICE_LEVEL',
  requestedBy: 'arn:aws:iam::123456789012:root',
  status: 'IN_PROGRESS',
  createDate: at(n),
  ...more,
});

export function accessAdvisorContract(factory: StoreFixtureFactory): void {
  describe('accessAdvisor', () => {
    test('record keeps the newest use per principal, service and action; older ones change nothing', () =>
      inFreshTx(factory, async (tx) => {
        await tx.accessAdvisor.record([
          use(USER, 'iam', 100),
          use(USER, 'iam', 300, { region: 'eu-west-1' }),
          use(USER, 'iam', 200, { region: 'ap-south-1' }),
          use(USER, 'iam', 250, { action: 'GetUser' }),
          use(USER, 's3', 50),
          use(ROLE, 'iam', 400, { entityArn: 'arn:aws:sts::123456789012:assumed-role/r/s' }),
        ]);
        await tx.accessAdvisor.record([use(USER, 'iam', 10), use(USER, 's3', 60, { region: 'x' })]);
        const services = await tx.accessAdvisor.accessesOf([USER, ROLE, 'AIDANOBODY']);
        assert.deepEqual(
          services.map((s) => [s.principalId, s.service, s.time.getTime() - at(0).getTime(), s.region]),
          [
            [USER, 'iam', 300, 'eu-west-1'],
            [ROLE, 'iam', 400, 'us-east-1'],
            [USER, 's3', 60, 'x'],
          ],
        );
        assert.equal(services[1]?.entityArn, 'arn:aws:sts::123456789012:assumed-role/r/s');
        assert.equal('action' in (services[0] ?? {}), false, 'a service-level record has no action');
        const actions = await tx.accessAdvisor.accessesOf([USER], { actions: true });
        assert.deepEqual(
          actions.map((a) => [a.service, a.action]),
          [['iam', 'GetUser']],
        );
      }));

    test('accessesOf filters by service and by date, and answers nothing for no principals', () =>
      inFreshTx(factory, async (tx) => {
        await tx.accessAdvisor.record([
          use(USER, 'iam', 100),
          use(OTHER, 'iam', 500),
          use(OTHER, 'sts', 900),
        ]);
        const iam = await tx.accessAdvisor.accessesOf([USER, OTHER], { service: 'iam' });
        assert.deepEqual(
          iam.map((a) => a.principalId),
          [USER, OTHER],
        );
        const recent = await tx.accessAdvisor.accessesOf([USER, OTHER], { since: at(500) });
        assert.deepEqual(
          recent.map((a) => [a.principalId, a.service]),
          [
            [OTHER, 'iam'],
            [OTHER, 'sts'],
          ],
        );
        assert.deepEqual(await tx.accessAdvisor.accessesOf([]), []);
        assert.equal(await tx.accessAdvisor.purgeBefore(at(600)), 2);
        assert.equal((await tx.accessAdvisor.accessesOf([USER, OTHER])).length, 1);
      }));

    test('jobs: insert (conflict on a taken id), get, complete with a report or an error', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.accessAdvisor.insertJob(aJob(1)), 'inserted');
        assert.equal(await tx.accessAdvisor.insertJob(aJob(1)), 'conflict');
        assert.deepEqual(await tx.accessAdvisor.getJob(aJob(1).jobId), aJob(1));
        assert.equal(await tx.accessAdvisor.getJob(aJob(2).jobId), undefined);
        const done = { status: 'COMPLETED', completionDate: at(5), report: '{"services":[]}' } as const;
        assert.equal(await tx.accessAdvisor.completeJob(aJob(1).jobId, done), true);
        assert.deepEqual(await tx.accessAdvisor.getJob(aJob(1).jobId), { ...aJob(1), ...done });
        const failed = {
          status: 'FAILED',
          completionDate: at(6),
          error: { code: 'X', message: 'm' },
        } as const;
        assert.equal(await tx.accessAdvisor.insertJob(aJob(3, { granularity: 'ACTION_LEVEL' })), 'inserted');
        assert.equal(await tx.accessAdvisor.completeJob(aJob(3).jobId, failed), true);
        assert.deepEqual(await tx.accessAdvisor.getJob(aJob(3).jobId), {
          ...aJob(3, { granularity: 'ACTION_LEVEL' }),
          ...failed,
        });
        assert.equal(await tx.accessAdvisor.completeJob(aJob(4).jobId, done), false);
        assert.equal(await tx.accessAdvisor.purgeJobsBefore(at(3)), 1);
        assert.equal(await tx.accessAdvisor.getJob(aJob(1).jobId), undefined);
        assert.notEqual(await tx.accessAdvisor.getJob(aJob(3).jobId), undefined);
      }));
  });
}
