import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, START, tags, type Harness } from '../testing/harness.ts';
import {
  AddUserToGroup,
  AttachGroupPolicy,
  AttachUserPolicy,
  CreateGroup,
  CreatePolicy,
  CreatePolicyVersion,
  CreateUser,
  GetAccountAuthorizationDetails,
  PutGroupPolicy,
  PutUserPolicy,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const doc = (action: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

async function setUp(h: Harness): Promise<void> {
  await h.call(CreateUser, { UserName: 'alice', Tags: tags(['team', 'a']), PermissionsBoundary: POWER });
  await h.call(CreateUser, { UserName: 'bob', Path: '/eng/' });
  await h.call(CreateGroup, { GroupName: 'devs' });
  await h.call(AddUserToGroup, { GroupName: 'devs', UserName: 'alice' });
  await h.call(CreatePolicy, { PolicyName: 'Mine', PolicyDocument: doc('s3:GetObject'), Description: 'd' });
  await h.call(CreatePolicyVersion, { PolicyArn: `${ACCT}:policy/Mine`, PolicyDocument: doc('s3:*') });
  await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: `${ACCT}:policy/Mine` });
  await h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: READ });
  await h.call(PutUserPolicy, {
    UserName: 'alice',
    PolicyName: 'inline',
    PolicyDocument: doc('iam:GetUser'),
  });
  await h.call(PutGroupPolicy, { GroupName: 'devs', PolicyName: 'g', PolicyDocument: doc('iam:ListUsers') });
}

describe('GetAccountAuthorizationDetails', () => {
  test('users, groups and policies in AWS shape, with every version document', () =>
    withHarness(async (h) => {
      await setUp(h);
      // UserDetail has no PasswordLastUsed, even for a user who signed in.
      await h.store.transaction(async (tx) => {
        const alice = await tx.users.getByName('alice');
        await tx.users.update(alice?.userId ?? '', { passwordLastUsed: START });
      });
      const out = await h.call(GetAccountAuthorizationDetails, {});
      assert.equal(out.IsTruncated, false);
      assert.deepEqual(out.RoleDetailList, []);
      const [alice, bob] = out.UserDetailList;
      assert.deepEqual(alice, {
        Path: '/',
        UserName: 'alice',
        UserId: alice?.UserId,
        Arn: `${ACCT}:user/alice`,
        CreateDate: START,
        UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: doc('iam:GetUser') }],
        GroupList: ['devs'],
        AttachedManagedPolicies: [{ PolicyName: 'Mine', PolicyArn: `${ACCT}:policy/Mine` }],
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: POWER,
        },
        Tags: tags(['team', 'a']),
      });
      assert.deepEqual([bob?.UserName, bob?.GroupList, bob?.Tags], ['bob', [], []]);
      assert.deepEqual(out.GroupDetailList, [
        {
          Path: '/',
          GroupName: 'devs',
          GroupId: out.GroupDetailList[0]?.GroupId,
          Arn: `${ACCT}:group/devs`,
          CreateDate: START,
          GroupPolicyList: [{ PolicyName: 'g', PolicyDocument: doc('iam:ListUsers') }],
          AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ }],
        },
      ]);
      // Only the AWS managed policies in use: attached (ReadOnlyAccess) or a boundary (PowerUserAccess).
      assert.deepEqual(
        out.Policies.map((p) => p.Arn),
        [`${ACCT}:policy/Mine`, POWER, READ],
      );
      const mine = out.Policies[0];
      assert.equal(mine?.Description, 'd');
      assert.equal(mine?.AttachmentCount, 1);
      assert.deepEqual(
        mine?.PolicyVersionList.map((v) => [v.VersionId, v.IsDefaultVersion, v.Document]),
        [
          ['v2', false, doc('s3:*')],
          ['v1', true, doc('s3:GetObject')],
        ],
      );
      const power = out.Policies[1];
      assert.equal(power?.PermissionsBoundaryUsageCount, 1);
      assert.equal(power?.PolicyVersionList.length, 1);
      assert.match(power?.PolicyVersionList[0]?.Document ?? '', /NotAction/);
    }));

  test('filters by type', () =>
    withHarness(async (h) => {
      await setUp(h);
      const groups = await h.call(GetAccountAuthorizationDetails, { Filter: ['Group'] });
      assert.deepEqual(
        [groups.UserDetailList.length, groups.GroupDetailList.length, groups.Policies.length],
        [0, 1, 0],
      );
      const local = await h.call(GetAccountAuthorizationDetails, { Filter: ['LocalManagedPolicy'] });
      assert.deepEqual(
        local.Policies.map((p) => p.PolicyName),
        ['Mine'],
      );
      const aws = await h.call(GetAccountAuthorizationDetails, { Filter: ['AWSManagedPolicy', 'User'] });
      assert.deepEqual(
        aws.Policies.map((p) => p.PolicyName),
        ['PowerUserAccess', 'ReadOnlyAccess'],
      );
      assert.equal(aws.UserDetailList.length, 2);
      const roles = await h.call(GetAccountAuthorizationDetails, { Filter: ['Role'] });
      assert.deepEqual(
        [roles.UserDetailList, roles.GroupDetailList, roles.RoleDetailList, roles.Policies],
        [[], [], [], []],
      );
    }));

  test('pages across the lists together', () =>
    withHarness(async (h) => {
      await setUp(h);
      const seen: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const out = await h.call(GetAccountAuthorizationDetails, {
          MaxItems: 2,
          ...(marker === undefined ? {} : { Marker: marker }),
        });
        seen.push(
          ...out.UserDetailList.map((u) => u.UserName),
          ...out.GroupDetailList.map((g) => g.GroupName),
          ...out.Policies.map((p) => p.PolicyName),
        );
        marker = out.Marker;
        pages++;
        assert.equal(out.IsTruncated, marker !== undefined);
      } while (marker !== undefined);
      assert.equal(pages, 3);
      assert.deepEqual(seen, ['alice', 'bob', 'devs', 'Mine', 'PowerUserAccess', 'ReadOnlyAccess']);
    }));
});
