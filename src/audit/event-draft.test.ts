import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../core/index.ts';
import type { Decision, MatchedStatement } from '../policy/types.ts';
import { EventDraft, type DecisionNote, type Outcome } from './event-draft.ts';
import { statementRef } from './statement-ref.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const USER = 'arn:aws:iam::123456789012:user/alice';

const matched = (policy: string, statement: number, sid?: string): MatchedStatement => ({
  policy,
  kind: 'identity',
  statement,
  ...(sid !== undefined && { sid }),
});
const decision = (
  effect: Decision['effect'],
  decidedBy: Decision['decidedBy'],
  m: MatchedStatement[],
): Decision => ({
  effect,
  decidedBy,
  matched: m,
  missingContextKeys: [],
});
const MANAGED = matched('managed\u0000arn:aws:iam::123456789012:policy/Admins\u0000v3', 0, 'AllowAll');
const DENY = matched('user\u0000AIDAEXAMPLE\u0000NoDelete', 1, 'NoDelete');

function finish(notes: DecisionNote[], outcome: Outcome) {
  const clock = fixedClock(T0);
  const draft = new EventDraft(clock, {
    requestId: 'r1',
    kind: 'api',
    sourceIp: '10.0.0.1',
    userAgent: 'ua',
    service: 'iam',
    action: 'DeleteUser',
  });
  draft.identify({ arn: USER, accountId: '123456789012', accessKeyId: 'AKIAEXAMPLE' });
  for (const note of notes) draft.note(note);
  clock.advance(7);
  return draft.finish(outcome);
}

test('the decision of a request from its checks and outcome', () => {
  const allow = {
    permission: 'iam:DeleteUser',
    resource: `${USER}x`,
    decision: decision('Allow', 'identity', [MANAGED]),
  };
  const deny = {
    permission: 'iam:DeleteUser',
    resource: `${USER}y`,
    decision: decision('ExplicitDeny', 'identity', [DENY]),
  };
  const implicit = {
    permission: 'iam:DeleteUser',
    resource: USER,
    decision: decision('ImplicitDeny', 'boundary', []),
  };
  const root = { permission: 'iam:DeleteUser', resource: USER, decision: 'root' as const };
  const denied = { status: 403, error: { code: 'AccessDenied', message: 'User: ... is not authorized' } };
  const cases: [string, DecisionNote[], Outcome, string, string | undefined, (string | undefined)[]][] = [
    ['allowed', [allow], { status: 200 }, 'Allow', 'identity', ['AllowAll']],
    [
      'allowed, then failed',
      [allow],
      { status: 404, error: { code: 'NoSuchEntity', message: 'x' } },
      'Allow',
      'identity',
      ['AllowAll'],
    ],
    ['explicit deny after an allow', [allow, deny], denied, 'Deny', 'identity', ['NoDelete']],
    ['implicit deny by the boundary', [implicit], denied, 'Deny', 'boundary', []],
    ['AccessDenied with no policy check', [], denied, 'Deny', 'none', []],
    ['no authorization at all', [], { status: 200 }, 'none', undefined, []],
    ['the root', [root], { status: 200 }, 'Allow', 'root', []],
  ];
  for (const [name, notes, outcome, effect, by, sids] of cases) {
    const e = finish(notes, outcome);
    assert.equal(e.decision, effect, name);
    assert.equal(e.decidedBy, by, name);
    assert.deepEqual(
      e.statements.map((s) => s.sid),
      sids,
      name,
    );
    assert.equal(e.checks.length, notes.length, name);
    assert.equal(e.latencyMs, 7, name);
    assert.equal(e.errorCode, outcome.error?.code, name);
  }
  assert.deepEqual(finish([allow, deny], denied).resources, [`${USER}x`, `${USER}y`]);
});

test('a session AccessDenied loses its encoded authorization message', () => {
  const e = finish([], {
    status: 403,
    error: {
      code: 'AccessDenied',
      message: 'User: x is not authorized. Encoded authorization failure message: AbCdEf',
    },
  });
  assert.equal(e.errorMessage, 'User: x is not authorized');
});

test('statements are named by their policy, never by a policy text', () => {
  const cases: [string, MatchedStatement, object][] = [
    [
      'customer managed',
      MANAGED,
      { policy: 'arn:aws:iam::123456789012:policy/Admins', policyType: 'managed', sid: 'AllowAll', index: 0 },
    ],
    [
      'aws managed',
      matched('managed\u0000arn:aws:iam::aws:policy/ReadOnlyAccess', 2),
      { policy: 'arn:aws:iam::aws:policy/ReadOnlyAccess', policyType: 'managed', index: 2 },
    ],
    [
      'user inline',
      DENY,
      { policy: 'NoDelete', policyType: 'inline', owner: 'user/AIDAEXAMPLE', sid: 'NoDelete' },
    ],
    ['group inline', matched('group\u0000AGPA1\u0000Ops', 0), { policy: 'Ops', owner: 'group/AGPA1' }],
    ['role inline', matched('role\u0000AROA1\u0000Work', 0), { policy: 'Work', owner: 'role/AROA1' }],
    [
      'session policy (its id is its text)',
      matched('session\u0000{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 0),
      { policy: 'SessionPolicy', policyType: 'session' },
    ],
    ['trust policy', matched('trust\u0000AROA1', 0), { policy: 'trust:AROA1', policyType: 'trust' }],
    [
      'account grant',
      matched('account\u0000AllowUsersToChangePassword', 0),
      { policy: 'AllowUsersToChangePassword' },
    ],
  ];
  for (const [name, m, expected] of cases) {
    const ref = statementRef(m);
    for (const [key, value] of Object.entries(expected))
      assert.deepEqual(ref[key as keyof typeof ref], value, name);
    assert.ok(!JSON.stringify(ref).includes('Statement'), `${name}: no policy text`);
  }
});
