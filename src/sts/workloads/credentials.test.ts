import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createIds } from '../../core/index.ts';
import { harnessWith, type Harness } from '../../iam/testing/harness.ts';
import type { WorkloadRecord } from '../../store/port.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { callerOfCredentials } from '../testing.ts';
import {
  ROTATE_BEFORE_MS,
  WorkloadCredentials,
  type WorkloadSession,
  type WorkloadState,
} from './credentials.ts';

const withHarness = harnessWith(openSqliteStore);
const MINUTE = 60_000;
const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
const ROLE_ID = 'AROAEXAMPLEROLE000001';
const PROFILE_ID = 'AIPAEXAMPLEPROFILE001';
const WORKLOAD: WorkloadRecord = {
  workloadId: 'i-0123456789abcdef0',
  binding: { kind: 'instance-profile', name: 'EC2-S3-Access' },
  tokenHash: 'hash',
  imdsPort: 40_001,
  createDate: new Date('2026-01-02T03:04:05.000Z'),
};

/** The seed's role in its instance profile, and a workload bound to the profile. */
async function seed(h: Harness): Promise<WorkloadCredentials> {
  await h.store.transaction(async (tx) => {
    const createDate = h.clock.now();
    await tx.roles.insert({
      roleId: ROLE_ID,
      roleName: 'EC2-S3-Access',
      path: '/',
      assumeRolePolicyDocument: trust('ec2.amazonaws.com'),
      maxSessionDuration: 7200,
      createDate,
      tags: [],
    });
    await tx.instanceProfiles.insert({
      instanceProfileId: PROFILE_ID,
      instanceProfileName: 'EC2-S3-Access',
      path: '/',
      createDate,
      tags: [],
    });
    await tx.instanceProfiles.addRole(PROFILE_ID, ROLE_ID);
    await tx.workloads.insert(WORKLOAD);
  });
  return new WorkloadCredentials({
    clock: h.clock,
    ids: createIds((n) => randomBytes(n)),
    secrets: h.secrets,
  });
}

const ready = (state: WorkloadState) => {
  if (state.kind !== 'ready') throw new Error(`expected ready, got ${state.kind}`);
  return state;
};
const wire = (session: WorkloadSession) => ({
  AccessKeyId: session.accessKeyId,
  SecretAccessKey: session.secretAccessKey,
  SessionToken: session.sessionToken,
  Expiration: session.expiration,
});

describe('workload credentials', () => {
  test('a role session named after the workload, for an hour, usable as the assumed role', () =>
    withHarness(async (h) => {
      const credentials = await seed(h);
      const state = ready(await credentials.state(h.store, h.account, WORKLOAD.workloadId));
      assert.equal(state.instanceProfile?.instanceProfileId, PROFILE_ID);
      assert.equal(state.session.expiration.getTime() - h.clock.now().getTime(), 3600_000);
      assert.match(state.session.accessKeyId, /^ASIA/);
      const caller = await callerOfCredentials(h, wire(state.session));
      assert.equal(caller.arn, 'arn:aws:sts::123456789012:assumed-role/EC2-S3-Access/i-0123456789abcdef0');
    }));

  test('the same session until it is within 15 minutes of expiry, then a new one (the old still works)', () =>
    withHarness(async (h) => {
      const credentials = await seed(h);
      const get = async () => ready(await credentials.state(h.store, h.account, WORKLOAD.workloadId)).session;
      const first = await get();
      const cases: [string, number, boolean][] = [
        ['just issued', 0, false],
        ['44 minutes on', 44 * MINUTE, false],
        ['one millisecond before the window', 3600_000 - ROTATE_BEFORE_MS - 1 - 44 * MINUTE, false],
        ['at the window', 1, true],
      ];
      for (const [name, advance, rotated] of cases) {
        h.clock.advance(advance);
        assert.equal((await get()).accessKeyId !== first.accessKeyId, rotated, name);
      }
      const second = await get();
      assert.equal(second.expiration.getTime() - h.clock.now().getTime(), 3600_000);
      // The first session is still valid until its own expiry.
      assert.equal((await callerOfCredentials(h, wire(first))).kind, 'assumed-role');
    }));

  test('concurrent requests share one new session', () =>
    withHarness(async (h) => {
      const credentials = await seed(h);
      const states = await Promise.all(
        [1, 2, 3].map(() => credentials.state(h.store, h.account, WORKLOAD.workloadId)),
      );
      assert.equal(new Set(states.map((s) => ready(s).session.accessKeyId)).size, 1);
    }));

  test('the binding is read on every request; the trust policy when a session is made', () =>
    withHarness(async (h) => {
      const credentials = await seed(h);
      const state = () => credentials.state(h.store, h.account, WORKLOAD.workloadId);
      const held = ready(await state()).session.accessKeyId;
      await h.store.transaction((tx) =>
        tx.roles.update(ROLE_ID, { assumeRolePolicyDocument: trust('lambda.amazonaws.com') }),
      );
      assert.equal(ready(await state()).session.accessKeyId, held, 'a held session is still handed out');
      h.clock.advance(50 * MINUTE);
      assert.equal((await state()).kind, 'unauthorized', 'no new session without the trust of EC2');
      await h.store.transaction((tx) => tx.instanceProfiles.removeRole(PROFILE_ID, ROLE_ID));
      assert.equal((await state()).kind, 'no-role');
      await h.store.transaction((tx) => tx.instanceProfiles.delete(PROFILE_ID));
      assert.equal((await state()).kind, 'no-instance-profile');
      await h.store.transaction((tx) => tx.workloads.delete(WORKLOAD.workloadId));
      assert.equal((await state()).kind, 'unknown');
    }));

  test('a workload bound to a role directly has no instance profile', () =>
    withHarness(async (h) => {
      const credentials = await seed(h);
      const direct = {
        ...WORKLOAD,
        workloadId: 'i-00000000000000001',
        tokenHash: 'h2',
        binding: { kind: 'role' as const, name: 'ec2-s3-access' },
      };
      await h.store.transaction((tx) => tx.workloads.insert(direct));
      const state = ready(await credentials.state(h.store, h.account, direct.workloadId));
      assert.equal(state.instanceProfile, undefined);
      assert.equal(state.role.roleName, 'EC2-S3-Access');
    }));
});
