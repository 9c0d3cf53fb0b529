import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { ActionDefinition } from '../action.ts';
import { harnessWith, tags } from '../testing/harness.ts';
import {
  AttachGroupPolicy,
  AttachUserPolicy,
  CreatePolicy,
  CreateUser,
  DeleteUserPermissionsBoundary,
  DeleteUserPolicy,
  DetachUserPolicy,
  GetAccountAuthorizationDetails,
  GetPolicy,
  ListPolicies,
  PutUserPermissionsBoundary,
  PutUserPolicy,
  TagPolicy,
  UntagPolicy,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const MINE = `${ACCT}:policy/team/Mine`;
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const doc = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
});

type Row = [
  action: ActionDefinition<never, unknown>,
  input: unknown,
  resource: string,
  keys: Record<string, unknown>,
];

/** What each action is authorized on, and the condition keys its request carries (Service Authorization Reference). */
const ROWS: Row[] = [
  [
    CreatePolicy,
    { PolicyName: 'P', Path: '/x/', PolicyDocument: doc, Tags: tags(['a', '1']) },
    `${ACCT}:policy/x/P`,
    { 'aws:TagKeys': ['a'], 'aws:RequestTag/a': '1' },
  ],
  [GetPolicy, { PolicyArn: MINE }, MINE, { 'aws:ResourceTag/owner': 'me', 'iam:ResourceTag/owner': 'me' }],
  [
    TagPolicy,
    { PolicyArn: MINE, Tags: tags(['b', '2']) },
    MINE,
    {
      'aws:ResourceTag/owner': 'me',
      'iam:ResourceTag/owner': 'me',
      'aws:TagKeys': ['b'],
      'aws:RequestTag/b': '2',
    },
  ],
  [
    UntagPolicy,
    { PolicyArn: MINE, TagKeys: ['owner'] },
    MINE,
    { 'aws:ResourceTag/owner': 'me', 'iam:ResourceTag/owner': 'me', 'aws:TagKeys': ['owner'] },
  ],
  [ListPolicies, {}, '*', {}],
  [GetAccountAuthorizationDetails, {}, '*', {}],
  [
    AttachUserPolicy,
    { UserName: 'alice', PolicyArn: MINE },
    `${ACCT}:user/eng/alice`,
    {
      'aws:ResourceTag/team': 'x',
      'iam:ResourceTag/team': 'x',
      'iam:PermissionsBoundary': POWER,
      'iam:PolicyARN': MINE,
    },
  ],
  [
    DetachUserPolicy,
    { UserName: 'alice', PolicyArn: MINE },
    `${ACCT}:user/eng/alice`,
    {
      'aws:ResourceTag/team': 'x',
      'iam:ResourceTag/team': 'x',
      'iam:PermissionsBoundary': POWER,
      'iam:PolicyARN': MINE,
    },
  ],
  [
    AttachGroupPolicy,
    { GroupName: 'devs', PolicyArn: MINE },
    `${ACCT}:group/devs`,
    { 'iam:PolicyARN': MINE },
  ],
  [
    PutUserPolicy,
    { UserName: 'alice', PolicyName: 'p', PolicyDocument: doc },
    `${ACCT}:user/eng/alice`,
    { 'aws:ResourceTag/team': 'x', 'iam:ResourceTag/team': 'x', 'iam:PermissionsBoundary': POWER },
  ],
  [
    DeleteUserPolicy,
    { UserName: 'alice', PolicyName: 'p' },
    `${ACCT}:user/eng/alice`,
    { 'aws:ResourceTag/team': 'x', 'iam:ResourceTag/team': 'x', 'iam:PermissionsBoundary': POWER },
  ],
  [
    PutUserPermissionsBoundary,
    { UserName: 'alice', PermissionsBoundary: MINE },
    `${ACCT}:user/eng/alice`,
    { 'aws:ResourceTag/team': 'x', 'iam:ResourceTag/team': 'x', 'iam:PermissionsBoundary': MINE },
  ],
  [
    DeleteUserPermissionsBoundary,
    { UserName: 'alice' },
    `${ACCT}:user/eng/alice`,
    { 'aws:ResourceTag/team': 'x', 'iam:ResourceTag/team': 'x', 'iam:PermissionsBoundary': POWER },
  ],
];

describe('policy actions: resources and condition keys', () => {
  test('as the Service Authorization Reference lists them', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, {
        UserName: 'alice',
        Path: '/eng/',
        Tags: tags(['team', 'x']),
        PermissionsBoundary: POWER,
      });
      await h.call(CreatePolicy, {
        PolicyName: 'Mine',
        Path: '/team/',
        PolicyDocument: doc,
        Tags: tags(['owner', 'me']),
      });
      await h.store.transaction(async (tx) => {
        const ctx = h.context(tx);
        for (const [action, input, resource, keys] of ROWS) {
          assert.equal(await action.resource?.(input as never, ctx), resource, action.name);
          assert.deepEqual((await action.conditionKeys?.(input as never, ctx)) ?? {}, keys, action.name);
        }
      });
    }));
});
