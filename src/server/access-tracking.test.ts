import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixedClock } from '../core/index.ts';
import type { Caller, RequestFacts } from '../iam/action.ts';
import { AccessTracker } from '../iam/access-advisor/tracker.ts';
import type { Decision } from '../policy/index.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import { decisionListener } from './access-tracking.ts';

const T0 = new Date('2026-05-06T07:08:09.000Z');
const BOB: Caller = {
  kind: 'user',
  arn: 'arn:aws:iam::123456789012:user/bob',
  accountId: '123456789012',
  accessKeyId: 'AKIABOB',
  userId: 'AIDABOB',
  userName: 'bob',
};
const REQUEST: RequestFacts = {
  requestId: 'r',
  time: T0,
  region: 'eu-central-1',
  partition: 'aws',
  sourceIp: '127.0.0.1',
  userAgent: 'test',
  secureTransport: false,
};
const decision = (effect: Decision['effect']): Decision => ({
  effect,
  decidedBy: 'identity',
  matched: [],
  missingContextKeys: [],
});

test("the decision listener tracks every attempt, denied ones too (not the root's passes or iam:PassRole), and still tells the event log", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-tracking-'));
  const store = await openSqliteStore({ path: join(dir, 'warden.db') });
  try {
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const tracker = new AccessTracker({ storeOf: () => store, clock: fixedClock(T0), log });
    const told: string[] = [];
    const { onDecision } = decisionListener(
      { tracker },
      {
        caller: BOB,
        account: { id: '123456789012' },
        request: REQUEST,
        onDecision: (n) => told.push(n.permission),
      },
    );
    assert.ok(onDecision !== undefined);
    const notes = [
      ['sts:AssumeRole', decision('Allow')],
      ['iam:PassRole', decision('Allow')],
      ['s3:PutObject', decision('ExplicitDeny')],
      ['ec2:RunInstances', decision('ImplicitDeny')],
      ['lambda:InvokeFunction', 'root'],
    ] as const;
    for (const [permission, d] of notes) onDecision({ permission, resource: '*', decision: d });
    assert.deepEqual(
      told,
      notes.map(([p]) => p),
      'the event log hears every decision',
    );
    await tracker.close();
    const rows = await store.transaction((tx) => tx.accessAdvisor.accessesOf(['AIDABOB']));
    assert.deepEqual(
      rows.map((r) => [r.service, r.region, r.time.toISOString()]),
      [
        ['ec2', 'eu-central-1', T0.toISOString()],
        ['s3', 'eu-central-1', T0.toISOString()],
        ['sts', 'eu-central-1', T0.toISOString()],
      ],
    );
    assert.deepEqual(decisionListener({}, { caller: BOB, account: { id: 'x' }, request: REQUEST }), {});
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
