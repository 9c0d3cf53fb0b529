import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { DISABLED_EVENT_LOG, type AuditEvent } from '../../audit/index.ts';
import { createIds } from '../../core/index.ts';
import { harnessWith, type Harness } from '../../iam/testing/harness.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { WorkloadRuntime } from './runtime.ts';

const withHarness = harnessWith(openSqliteStore);
const EC2_TRUST =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const WORKLOAD_ID = 'i-0123456789abcdef0';

interface Running {
  readonly runtime: WorkloadRuntime;
  readonly endpoint: string;
  readonly warnings: string[];
  /** What the runtime recorded in its event log. */
  readonly events: AuditEvent[];
}

/** A runtime on the harness's store with one workload bound to the seed's instance profile. */
async function running(h: Harness, port?: number): Promise<Running> {
  const warnings: string[] = [];
  const events: AuditEvent[] = [];
  const runtime = new WorkloadRuntime({
    events: { ...DISABLED_EVENT_LOG, enabled: true, record: (e) => void events.push(e) },
    clock: h.clock,
    ids: createIds((n) => randomBytes(n)),
    secrets: h.secrets,
    log: { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    accounts: { accountIds: () => [h.account.id], storeOf: () => Promise.resolve(h.store) },
    imdsHost: '127.0.0.1',
    region: 'eu-west-1',
  });
  await h.store.transaction(async (tx) => {
    const createDate = h.clock.now();
    await tx.roles.insert({
      roleId: 'AROAEXAMPLEROLE000001',
      roleName: 'EC2-S3-Access',
      path: '/',
      assumeRolePolicyDocument: EC2_TRUST,
      maxSessionDuration: 3600,
      createDate,
      tags: [],
    });
    await tx.instanceProfiles.insert({
      instanceProfileId: 'AIPAEXAMPLEPROFILE001',
      instanceProfileName: 'EC2-S3-Access',
      path: '/',
      createDate,
      tags: [],
    });
    await tx.instanceProfiles.addRole('AIPAEXAMPLEPROFILE001', 'AROAEXAMPLEROLE000001');
  });
  let imdsPort = port;
  if (imdsPort === undefined) {
    const bound = await runtime.bindPort(h.account.id, WORKLOAD_ID);
    imdsPort = bound.port;
  }
  await h.store.transaction((tx) =>
    tx.workloads.insert({
      workloadId: WORKLOAD_ID,
      binding: { kind: 'instance-profile', name: 'EC2-S3-Access' },
      tokenHash: 'hash',
      imdsPort: imdsPort,
      createDate: h.clock.now(),
    }),
  );
  if (port !== undefined) await runtime.start('http://127.0.0.1:8642');
  const stored = await h.store.transaction((tx) => tx.workloads.get(WORKLOAD_ID));
  return { runtime, endpoint: `http://127.0.0.1:${stored?.imdsPort}`, warnings, events };
}

async function token(endpoint: string, ttl = '60'): Promise<string> {
  const response = await fetch(`${endpoint}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), ttl);
  return response.text();
}

const get = (endpoint: string, path: string, imdsToken?: string) =>
  fetch(
    `${endpoint}${path}`,
    imdsToken === undefined ? {} : { headers: { 'x-aws-ec2-metadata-token': imdsToken } },
  );

describe('IMDS listener', () => {
  test('each credential fetch is an event: the workload, its role, the status, never the credentials', () =>
    withHarness(async (h) => {
      const { runtime, endpoint, events } = await running(h);
      try {
        const path = '/latest/meta-data/iam/security-credentials/EC2-S3-Access';
        assert.equal((await get(endpoint, path)).status, 401);
        const t = await token(endpoint);
        assert.equal((await get(endpoint, '/latest/meta-data/instance-id', t)).status, 200);
        const issued = (await (await get(endpoint, path, t)).json()) as Record<string, string>;
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(
          events.map((e) => [e.kind, e.action, e.status, e.principalArn, e.resources]),
          [
            [
              'workload',
              'GetInstanceMetadataCredentials',
              401,
              `arn:aws:ec2:eu-west-1:${h.account.id}:instance/${WORKLOAD_ID}`,
              [],
            ],
            [
              'workload',
              'GetInstanceMetadataCredentials',
              200,
              `arn:aws:ec2:eu-west-1:${h.account.id}:instance/${WORKLOAD_ID}`,
              [`arn:aws:iam::${h.account.id}:role/EC2-S3-Access`],
            ],
          ],
          'one event per credential fetch (not per metadata read)',
        );
        const text = JSON.stringify(events);
        for (const secret of [issued.SecretAccessKey, issued.Token, t]) {
          assert.ok(secret !== undefined && !text.includes(secret), 'no secret in the events');
        }
      } finally {
        await runtime.close();
      }
    }));

  test('the token request: TTL header required within 1..21600, no forwarded requests, PUT only', () =>
    withHarness(async (h) => {
      const { runtime, endpoint } = await running(h);
      try {
        const cases: [string, RequestInit, number][] = [
          ['no TTL', { method: 'PUT' }, 400],
          ['TTL 0', { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '0' } }, 400],
          ['TTL 21601', { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21601' } }, 400],
          [
            'TTL not a number',
            { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '1e3' } },
            400,
          ],
          ['TTL 21600', { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } }, 200],
          [
            'forwarded',
            {
              method: 'PUT',
              headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.9' },
            },
            403,
          ],
          ['GET', {}, 405],
        ];
        for (const [name, init, status] of cases) {
          const response = await fetch(`${endpoint}/latest/api/token`, init);
          assert.equal(response.status, status, name);
        }
      } finally {
        await runtime.close();
      }
    }));

  test('metadata needs a live token (IMDSv1 refused with 401); unknown paths are 404', () =>
    withHarness(async (h) => {
      const { runtime, endpoint } = await running(h);
      try {
        const t = await token(endpoint, '60');
        const cases: [string, string | undefined, number, string | undefined][] = [
          ['/latest/meta-data/instance-id', undefined, 401, undefined],
          ['/latest/meta-data/instance-id', 'not-a-token', 401, undefined],
          ['/latest/meta-data/instance-id', t, 200, WORKLOAD_ID],
          ['/latest/meta-data/iam/security-credentials/', t, 200, 'EC2-S3-Access'],
          ['/latest/meta-data/placement/region', t, 200, 'eu-west-1'],
          ['/latest/meta-data/placement/availability-zone', t, 200, 'eu-west-1a'],
          ['/latest/meta-data/', t, 200, 'iam/\ninstance-id\nplacement/'],
          ['/latest/meta-data/iam/', t, 200, 'info\nsecurity-credentials/'],
          ['/latest/meta-data/iam/security-credentials/ec2-s3-access', t, 404, undefined],
          ['/latest/meta-data/iam/security-credentials/Other', t, 404, undefined],
          ['/latest/meta-data/ami-id', t, 404, undefined],
          ['/latest/user-data', t, 404, undefined],
        ];
        for (const [path, imdsToken, status, body] of cases) {
          const response = await get(endpoint, path, imdsToken);
          assert.equal(response.status, status, `${path} ${imdsToken === undefined ? 'no token' : ''}`);
          if (body !== undefined) assert.equal(await response.text(), body, path);
        }
        h.clock.advance(60_000);
        assert.equal((await get(endpoint, '/latest/meta-data/instance-id', t)).status, 401, 'expired token');
      } finally {
        await runtime.close();
      }
    }));

  test("a token works only on the listener that issued it (another workload's is refused)", () =>
    withHarness(async (h) => {
      const { runtime, endpoint } = await running(h);
      const second = await runtime.bindPort(h.account.id, 'i-00000000000000002');
      try {
        const t = await token(endpoint);
        const elsewhere = await get(`http://127.0.0.1:${second.port}`, '/latest/meta-data/instance-id', t);
        assert.equal(elsewhere.status, 401);
      } finally {
        await runtime.close();
      }
    }));

  test("the documents in IMDS's shapes", () =>
    withHarness(async (h) => {
      const { runtime, endpoint } = await running(h);
      try {
        const t = await token(endpoint);
        const json = async (path: string) =>
          (await (await get(endpoint, path, t)).json()) as Record<string, unknown>;
        const credentials = await json('/latest/meta-data/iam/security-credentials/EC2-S3-Access');
        assert.deepEqual(Object.keys(credentials), [
          'Code',
          'LastUpdated',
          'Type',
          'AccessKeyId',
          'SecretAccessKey',
          'Token',
          'Expiration',
        ]);
        assert.equal(credentials.Code, 'Success');
        assert.equal(credentials.Type, 'AWS-HMAC');
        assert.equal(credentials.LastUpdated, '2026-01-02T03:04:05Z');
        assert.equal(credentials.Expiration, '2026-01-02T04:04:05Z');
        assert.deepEqual(await json('/latest/meta-data/iam/info'), {
          Code: 'Success',
          LastUpdated: '2026-01-02T03:04:05Z',
          InstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/EC2-S3-Access',
          InstanceProfileId: 'AIPAEXAMPLEPROFILE001',
        });
        const identity = await json('/latest/dynamic/instance-identity/document');
        assert.equal(identity.accountId, '123456789012');
        assert.equal(identity.instanceId, WORKLOAD_ID);
        assert.equal(identity.region, 'eu-west-1');
        assert.equal(identity.availabilityZone, 'eu-west-1a');
        assert.equal(identity.pendingTime, '2026-01-02T03:04:05Z');
      } finally {
        await runtime.close();
      }
    }));

  test('at start each listener reopens on its stored port, or on a new one (stored, logged) if taken', () =>
    withHarness(async (h) => {
      const squatter = createServer();
      await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
      const taken = (squatter.address() as AddressInfo).port;
      try {
        const { runtime, endpoint, warnings } = await running(h, taken);
        try {
          const moved = Number(new URL(endpoint).port);
          assert.notEqual(moved, taken);
          assert.match(
            warnings.join('\n'),
            new RegExp(`IMDS port ${taken} is not available .*now on port ${moved}`),
          );
          const t = await token(endpoint);
          assert.equal(await (await get(endpoint, '/latest/meta-data/instance-id', t)).text(), WORKLOAD_ID);
          assert.equal(
            runtime.endpoints({ ...(await h.store.transaction((tx) => tx.workloads.get(WORKLOAD_ID)))! })
              .ImdsEndpoint,
            endpoint,
          );
        } finally {
          await runtime.close();
        }
      } finally {
        squatter.close();
      }
    }));
});
