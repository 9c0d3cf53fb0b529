import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixedClock } from '../core/index.ts';
import type { AuditEvent } from './event.ts';
import { openEventLog, openEventReader, type EventLogOptions } from './sqlite-event-log.ts';

const dir = mkdtempSync(join(tmpdir(), 'warden-events-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const T0 = new Date('2026-03-01T10:00:00.000Z');
const DAY = 86_400_000;

function open(options: Partial<EventLogOptions> = {}) {
  const clock = fixedClock(T0);
  const path = join(dir, `events-${++files}.db`);
  // Timers far away unless a test asks: flushes happen when the test says.
  const log = openEventLog({ path, clock, flushIntervalMs: 3_600_000, ...options });
  return { log, clock, path };
}

function event(n: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    time: new Date(T0.getTime() + n * 1000),
    requestId: `req-${n}`,
    kind: 'api',
    accountId: '123456789012',
    principalArn: 'arn:aws:iam::123456789012:user/alice',
    accessKeyId: 'AKIAEXAMPLE',
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    service: 'iam',
    action: 'GetUser',
    resources: ['arn:aws:iam::123456789012:user/alice'],
    decision: 'Allow',
    decidedBy: 'identity',
    statements: [
      { policy: 'arn:aws:iam::aws:policy/ReadOnlyAccess', policyType: 'managed', kind: 'identity', index: 0 },
    ],
    checks: [],
    status: 200,
    latencyMs: 3,
    ...over,
  };
}

test('recorded events are written only when flushed, then read back as recorded', async () => {
  const { log, path } = open();
  log.record(event(1));
  log.record(event(2, { decision: 'Deny', errorCode: 'AccessDenied', errorMessage: 'no', status: 403 }));
  const reader = openEventReader(path);
  assert.equal(reader.query({}).events.length, 0, 'nothing on disk before the flush');
  assert.equal(log.pending, 2);
  await log.flush();
  assert.equal(log.pending, 0);
  const { events } = reader.query({});
  assert.deepEqual(
    events.map((e) => [e.requestId, e.decision, e.errorCode, e.status]),
    [
      ['req-1', 'Allow', undefined, 200],
      ['req-2', 'Deny', 'AccessDenied', 403],
    ],
  );
  const { seq: _seq, ...first } = events[0]!;
  assert.deepEqual(first, event(1));
  reader.close();
  await log.close();
});

test('the timer flushes within the interval; a full batch flushes at once', async () => {
  const timed = open({ flushIntervalMs: 30 });
  timed.log.record(event(1));
  await sleep(120);
  assert.equal(timed.log.pending, 0, 'flushed by the timer');
  await timed.log.close();

  const batched = open({ batchSize: 3 });
  for (let i = 0; i < 3; i++) batched.log.record(event(i));
  await sleep(20);
  assert.equal(batched.log.pending, 0, 'flushed as the batch filled');
  const reader = openEventReader(batched.path);
  assert.equal(reader.query({}).events.length, 3);
  reader.close();
  await batched.log.close();
});

test('close writes what is queued; a closed log records nothing more', async () => {
  const { log, path } = open();
  log.record(event(1));
  await log.close();
  log.record(event(2));
  const reader = openEventReader(path);
  assert.deepEqual(
    reader.query({}).events.map((e) => e.requestId),
    ['req-1'],
  );
  reader.close();
});

test('retention: events older than the period are pruned at open and by prune()', async () => {
  const { log, clock, path } = open({ retentionDays: 2 });
  log.record(event(0));
  log.record(event(1, { time: new Date(T0.getTime() + 1.5 * DAY) }));
  await log.flush();
  clock.advance(3 * DAY);
  assert.equal(log.prune(), 1, 'the first event is 3 days old');
  await log.close();
  const reader = openEventReader(path);
  assert.deepEqual(
    reader.query({}).events.map((e) => e.requestId),
    ['req-1'],
  );
  reader.close();
  // Reopened later: pruned at open.
  const later = fixedClock(new Date(T0.getTime() + 10 * DAY));
  const reopened = openEventLog({ path, clock: later, retentionDays: 2 });
  assert.equal((await reopened.query({})).events.length, 0);
  await reopened.close();
});

test('the prune timer runs on its own', async () => {
  const { log, clock } = open({ retentionDays: 1, pruneIntervalMs: 20 });
  log.record(event(0));
  await log.flush();
  clock.advance(2 * DAY);
  await sleep(100);
  assert.equal((await log.query({})).events.length, 0);
  await log.close();
});

test('filters match as documented and pages continue with the marker', async () => {
  const { log } = open();
  log.record(event(1, { action: 'CreateUser' }));
  log.record(event(2, { service: 'sts', action: 'GetCallerIdentity', decision: 'none' }));
  log.record(event(3, { accountId: '999999999999', principalArn: 'arn:aws:iam::999999999999:root' }));
  log.record(event(4, { decision: 'Deny', errorCode: 'AccessDenied', requestId: 'wanted' }));
  for (let i = 5; i < 10; i++) log.record(event(i));
  await log.flush();
  const ids = async (filter: Parameters<typeof log.query>[0]) =>
    (await log.query(filter)).events.map((e) => e.requestId);
  const cases: [string, Parameters<typeof log.query>[0], string[]][] = [
    ['action by name', { action: 'createuser' }, ['req-1']],
    ['action with service', { action: 'sts:GetCallerIdentity' }, ['req-2']],
    ['service must match too', { action: 'iam:GetCallerIdentity' }, []],
    ['decision', { decision: 'Deny' }, ['wanted']],
    ['error code', { errorCode: 'AccessDenied' }, ['wanted']],
    ['request id', { requestId: 'wanted' }, ['wanted']],
    ['account', { accountId: '999999999999' }, ['req-3']],
    ['principal', { principalArn: 'arn:aws:iam::999999999999:root' }, ['req-3']],
    [
      'time range, inclusive',
      { since: new Date(T0.getTime() + 2000), until: new Date(T0.getTime() + 4000) },
      ['req-2', 'req-3', 'wanted'],
    ],
  ];
  for (const [name, filter, expected] of cases) assert.deepEqual(await ids(filter), expected, name);

  const seen: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await log.query({}, { limit: 4, ...(marker !== undefined && { marker }) });
    seen.push(...page.events.map((e) => e.requestId));
    marker = page.marker;
    pages++;
  } while (marker !== undefined);
  assert.equal(pages, 3);
  assert.equal(seen.length, 9);
  await assert.rejects(log.query({}, { marker: 'garbage' }), /marker/);
  await log.close();
});

test('a failed write keeps the events queued for the next flush', async () => {
  const errors: string[] = [];
  const { log } = open({ onError: (message) => errors.push(message) });
  // A decision the table's CHECK constraint refuses makes the transaction fail.
  log.record(event(1, { decision: 'Maybe' as never }));
  await log.flush();
  assert.deepEqual(errors, ['event log write failed']);
  assert.equal(log.pending, 1, 'still queued');
  await log.close();
});

test('the queue is bounded: the oldest are dropped when the file cannot keep up', async () => {
  const { log } = open({ maxQueued: 3, batchSize: 1000 });
  for (let i = 0; i < 5; i++) log.record(event(i));
  assert.equal(log.pending, 3);
  assert.equal(log.dropped, 2);
  await log.flush();
  assert.deepEqual(
    (await log.query({})).events.map((e) => e.requestId),
    ['req-2', 'req-3', 'req-4'],
  );
  await log.close();
});
