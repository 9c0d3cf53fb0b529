import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../../core/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import * as iam from '../actions/index.ts';
import type { ActionContext, ActionDefinition, Caller, RequestFacts } from '../action.ts';
import { harnessWith, type Harness } from '../testing/harness.ts';
import { authorizeAction, permissionOf } from './authorize.ts';
import { evaluationRequest } from './request-context.ts';
import {
  ACCT,
  addToGroup,
  allowStmt,
  attach,
  createManaged,
  denyStmt,
  doc,
  putGroupPolicy,
  putUserPolicy,
  setBoundary,
  setUserTags,
} from './test-kit.ts';

/**
 * The Simulate APIs agree with enforcement: for every case, SimulatePrincipalPolicy on the caller,
 * given the context enforcement builds from the real request (as ContextEntries), says `allowed`
 * exactly when the call is authorized.
 */

const withHarness = harnessWith(openSqliteStore);
const USER = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;
const BOUNDARY = `arn:aws:iam::${ACCT}:policy/boundary`;

type SomeAction = ActionDefinition<Record<string, unknown>, unknown>;
const erase = (action: object): SomeAction => action as SomeAction;
const tag = (Key: string, Value: string) => [{ Key, Value }];

const CALLS: [SomeAction, Record<string, unknown>][] = [
  [erase(iam.ListUsers), {}],
  [erase(iam.GetUser), { UserName: 'bob' }],
  [erase(iam.GetUser), {}],
  [erase(iam.CreateUser), { UserName: 'new1', Tags: tag('team', 'blue') }],
  [erase(iam.CreateUser), { UserName: 'new2', Tags: tag('team', 'red'), PermissionsBoundary: BOUNDARY }],
  [erase(iam.CreateUser), { UserName: 'new3', PermissionsBoundary: BOUNDARY }],
  [erase(iam.DeleteUser), { UserName: 'bob' }],
  [erase(iam.TagUser), { UserName: 'bob', Tags: tag('team', 'blue') }],
  [erase(iam.UntagUser), { UserName: 'alice', TagKeys: ['cost'] }],
  [erase(iam.CreateAccessKey), {}],
  [erase(iam.ListAccessKeys), { UserName: 'bob' }],
  [erase(iam.ListGroups), {}],
  [erase(iam.GetGroup), { GroupName: 'devs' }],
  [erase(iam.UpdateUser), { UserName: 'bob', NewPath: '/x/' }],
];

const FACTS: Partial<RequestFacts>[] = [
  {},
  {
    sourceIp: '10.1.2.3',
    secureTransport: true,
    time: new Date('2026-06-01T00:00:00Z'),
    region: 'eu-west-1',
  },
];

const SCENARIOS: [string, (h: Harness) => Promise<void>][] = [
  ['no policy', () => Promise.resolve()],
  ['IAMReadOnlyAccess', (h) => attach(h, 'user', 'alice', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess')],
  [
    'allow iam:* but deny deletes',
    (h) => putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:*'), denyStmt('iam:Delete*'))),
  ],
  [
    'AdministratorAccess under a read-only boundary',
    async (h) => {
      await attach(h, 'user', 'alice', 'arn:aws:iam::aws:policy/AdministratorAccess');
      await setBoundary(h, 'alice', BOUNDARY);
    },
  ],
  [
    'group self-service on ${aws:username}',
    (h) =>
      putGroupPolicy(
        h,
        'devs',
        'self',
        doc(allowStmt(['iam:*AccessKey*', 'iam:GetUser'], 'arn:aws:iam::*:user/${aws:username}')),
      ),
  ],
  [
    'network, TLS and time conditions',
    (h) =>
      putUserPolicy(
        h,
        'alice',
        'env',
        doc(
          allowStmt('iam:Create*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
          allowStmt(['iam:Tag*', 'iam:Untag*'], '*', {
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          }),
          allowStmt('iam:List*', '*', {
            Condition: { DateLessThan: { 'aws:CurrentTime': '2026-03-01T00:00:00Z' } },
          }),
          allowStmt('iam:Get*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
        ),
      ),
  ],
  [
    'request tags, tag keys and the boundary key',
    (h) =>
      putUserPolicy(
        h,
        'alice',
        'tags',
        doc(
          allowStmt('iam:CreateUser', '*', {
            Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } },
          }),
          allowStmt('iam:CreateUser', '*', {
            Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } },
          }),
          allowStmt(['iam:TagUser', 'iam:UntagUser'], '*', {
            Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['cost'] } },
          }),
        ),
      ),
  ],
  [
    'resource tags against principal tags',
    (h) =>
      putUserPolicy(
        h,
        'alice',
        'abac',
        doc(
          allowStmt('iam:*', '*', {
            Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
          }),
          denyStmt('iam:*', '*', { Condition: { StringEquals: { 'iam:ResourceTag/locked': 'yes' } } }),
        ),
      ),
  ],
];

async function world(h: Harness): Promise<Caller> {
  for (const UserName of ['alice', 'bob']) await h.call(iam.CreateUser, { UserName });
  await setUserTags(h, 'alice', { team: 'blue', cost: '1' });
  await setUserTags(h, 'bob', { team: 'red', locked: 'yes' });
  await h.call(iam.CreateGroup, { GroupName: 'devs' });
  await addToGroup(h, 'devs', 'alice');
  await createManaged(h, 'boundary', doc(allowStmt(['iam:List*', 'iam:Get*'])));
  return h.userCaller('alice');
}

function contextOf(
  h: Harness,
  tx: Parameters<Parameters<Harness['store']['transaction']>[0]>[0],
  caller: Caller,
  facts: Partial<RequestFacts>,
) {
  const base = h.context(tx, caller);
  return { ...base, request: { ...base.request, ...facts } } satisfies ActionContext;
}

/** Enforcement: authorized or not (the action is not run). */
function enforced(
  h: Harness,
  action: SomeAction,
  input: Record<string, unknown>,
  caller: Caller,
  facts: Partial<RequestFacts>,
) {
  return h.store.transaction(async (tx) => {
    try {
      await authorizeAction(action, input, contextOf(h, tx, caller, facts));
      return true;
    } catch (error) {
      if (isWardenError(error) && error.code === 'AccessDenied') return false;
      throw error;
    }
  });
}

/** The resources and the context enforcement evaluates, as the Simulate API's input. */
function simulationInput(
  h: Harness,
  action: SomeAction,
  input: Record<string, unknown>,
  caller: Caller,
  facts: Partial<RequestFacts>,
) {
  return h.store.transaction(async (tx) => {
    const ctx = contextOf(h, tx, caller, facts);
    const resources = await (action.resource?.(input, ctx) ?? '*');
    const keys = (await action.conditionKeys?.(input, ctx)) ?? {};
    const user = caller.kind === 'user' ? await tx.users.getById(caller.userId) : undefined;
    const request = evaluationRequest(
      { caller, permission: permissionOf(action), resource: '*', keys },
      ctx.request,
      { tags: user?.tags ?? [] },
    );
    const entries = Object.entries(request.context).map(([name, value]: [string, ContextValue]) => ({
      ContextKeyName: name,
      ContextKeyValues: typeof value === 'string' ? [value] : [...value],
      ContextKeyType: typeof value === 'string' ? 'string' : 'stringList',
    }));
    return {
      ResourceArns: typeof resources === 'string' ? [resources] : [...resources],
      ContextEntries: entries,
    };
  });
}

test('SimulatePrincipalPolicy agrees with enforcement on every case of the table', () =>
  withHarness(async (h) => {
    const tally = { cases: 0, allowed: 0 };
    for (const [name, install] of SCENARIOS) {
      await h.store.transaction((tx) => tx.wipeAll());
      await h.store.transaction((tx) => tx.account.create({ accountId: ACCT, createDate: new Date() }));
      const caller = await world(h);
      await install(h);
      for (const [action, input] of CALLS) {
        for (const facts of FACTS) {
          const allowed = await enforced(h, action, input, caller, facts);
          const sim = await h.call(iam.SimulatePrincipalPolicy, {
            PolicySourceArn: USER('alice'),
            ActionNames: [permissionOf(action)],
            ...(await simulationInput(h, action, input, caller, facts)),
          });
          const simulated = sim.EvaluationResults.every((r) => r.EvalDecision === 'allowed');
          assert.equal(
            simulated,
            allowed,
            `${name}: ${action.name} ${JSON.stringify(input)} ${JSON.stringify(facts)}`,
          );
          tally.cases++;
          if (allowed) tally.allowed++;
        }
      }
    }
    assert.ok(tally.cases >= 200, `${tally.cases} cases`);
    assert.ok(tally.allowed >= 40 && tally.cases - tally.allowed >= 40, JSON.stringify(tally));
  }));
