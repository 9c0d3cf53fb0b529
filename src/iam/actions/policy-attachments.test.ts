import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, wardenError, type Harness } from '../testing/harness.ts';
import {
  AttachGroupPolicy,
  AttachUserPolicy,
  CreateGroup,
  CreatePolicy,
  CreateUser,
  DeleteGroup,
  DeletePolicy,
  DeleteUser,
  DetachGroupPolicy,
  DetachUserPolicy,
  GetAccountSummary,
  GetPolicy,
  ListAttachedGroupPolicies,
  ListAttachedUserPolicies,
  ListEntitiesForPolicy,
  ListPolicies,
  PutUserPermissionsBoundary,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const doc = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
});

async function setUp(h: Harness): Promise<void> {
  await h.call(CreateUser, { UserName: 'alice' });
  await h.call(CreateGroup, { GroupName: 'devs', Path: '/eng/' });
  await h.call(CreatePolicy, { PolicyName: 'Mine', PolicyDocument: doc });
  await h.call(CreatePolicy, { PolicyName: 'Deep', Path: '/team/', PolicyDocument: doc });
}

describe('attach and detach', () => {
  test('users and groups take customer and AWS managed policies; counts follow', () =>
    withHarness(async (h) => {
      await setUp(h);
      await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: `${ACCT}:policy/Mine` });
      await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: ADMIN });
      await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: ADMIN }); // idempotent
      await h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: `${ACCT}:policy/Mine` });
      await h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: `${ACCT}:policy/team/Deep` });

      const user = await h.call(ListAttachedUserPolicies, { UserName: 'alice' });
      assert.deepEqual(user, {
        AttachedPolicies: [
          { PolicyName: 'AdministratorAccess', PolicyArn: ADMIN },
          { PolicyName: 'Mine', PolicyArn: `${ACCT}:policy/Mine` },
        ],
        IsTruncated: false,
      });
      const group = await h.call(ListAttachedGroupPolicies, { GroupName: 'devs', PathPrefix: '/team/' });
      assert.deepEqual(group.AttachedPolicies, [
        { PolicyName: 'Deep', PolicyArn: `${ACCT}:policy/team/Deep` },
      ]);
      const paged = await h.call(ListAttachedUserPolicies, { UserName: 'alice', MaxItems: 1 });
      assert.equal(paged.IsTruncated, true);
      const rest = await h.call(ListAttachedUserPolicies, {
        UserName: 'alice',
        MaxItems: 1,
        Marker: paged.Marker ?? '',
      });
      assert.deepEqual(
        rest.AttachedPolicies.map((p) => p.PolicyName),
        ['Mine'],
      );

      assert.equal((await h.call(GetPolicy, { PolicyArn: `${ACCT}:policy/Mine` })).Policy.AttachmentCount, 2);
      assert.equal((await h.call(GetPolicy, { PolicyArn: ADMIN })).Policy.AttachmentCount, 1);
      const summary = (await h.call(GetAccountSummary, {})).SummaryMap;
      assert.equal(summary.Policies, 2);
      assert.equal(summary.PolicyVersionsInUse, 4);

      await h.call(DetachUserPolicy, { UserName: 'alice', PolicyArn: ADMIN });
      assert.equal((await h.call(GetPolicy, { PolicyArn: ADMIN })).Policy.AttachmentCount, 0);
      await assert.rejects(
        h.call(DetachUserPolicy, { UserName: 'alice', PolicyArn: ADMIN }),
        wardenError('NoSuchEntity', `Policy ${ADMIN} was not found.`),
      );
      await h.call(DetachGroupPolicy, { GroupName: 'devs', PolicyArn: `${ACCT}:policy/Mine` });
      await assert.rejects(
        h.call(DetachGroupPolicy, { GroupName: 'devs', PolicyArn: `${ACCT}:policy/Mine` }),
        wardenError('NoSuchEntity', `Policy ${ACCT}:policy/Mine was not found.`),
      );
    }));

  const refusals: [string, (h: Harness) => Promise<unknown>, string, string][] = [
    [
      'an unknown customer policy',
      (h) => h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: `${ACCT}:policy/Nope` }),
      'NoSuchEntity',
      `Policy ${ACCT}:policy/Nope does not exist or is not attachable.`,
    ],
    [
      'an unknown AWS policy',
      (h) => h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: 'arn:aws:iam::aws:policy/Nope' }),
      'NoSuchEntity',
      'Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.',
    ],
    [
      'something that is not a policy ARN',
      (h) => h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: `${ACCT}:user/alice` }),
      'InvalidInput',
      `ARN ${ACCT}:user/alice is not valid.`,
    ],
    [
      'an unknown user',
      (h) => h.call(AttachUserPolicy, { UserName: 'bob', PolicyArn: ADMIN }),
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    ],
    [
      'an unknown group',
      (h) => h.call(DetachGroupPolicy, { GroupName: 'ops', PolicyArn: ADMIN }),
      'NoSuchEntity',
      'The group with name ops cannot be found.',
    ],
  ];
  for (const [what, call, code, message] of refusals) {
    test(`refuses ${what}`, () =>
      withHarness(async (h) => {
        await setUp(h);
        await assert.rejects(call(h), wardenError(code, message));
      }));
  }

  test('at most 10 per user and per group', () =>
    withHarness(async (h) => {
      await setUp(h);
      const names = [
        'AmazonS3FullAccess',
        'AmazonS3ReadOnlyAccess',
        'AmazonEC2FullAccess',
        'AmazonEC2ReadOnlyAccess',
      ];
      const arns = [ADMIN, READ, ...names.map((n) => `arn:aws:iam::aws:policy/${n}`)];
      arns.push('arn:aws:iam::aws:policy/IAMFullAccess', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
      arns.push(`${ACCT}:policy/Mine`, `${ACCT}:policy/team/Deep`);
      for (const arn of arns) {
        await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: arn });
        await h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: arn });
      }
      const eleventh = 'arn:aws:iam::aws:policy/PowerUserAccess';
      await assert.rejects(
        h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: eleventh }),
        wardenError('LimitExceeded', 'Cannot exceed quota for PoliciesPerUser: 10'),
      );
      await assert.rejects(
        h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: eleventh }),
        wardenError('LimitExceeded', 'Cannot exceed quota for PoliciesPerGroup: 10'),
      );
      // Attaching one already attached is still fine at the quota.
      await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: ADMIN });
    }));
});

describe('conflicts with attachments', () => {
  test('a policy in use cannot be deleted; a user or group with attachments cannot be deleted', () =>
    withHarness(async (h) => {
      await setUp(h);
      const mine = `${ACCT}:policy/Mine`;
      await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: mine });
      await h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: ADMIN });
      const inUse = wardenError('DeleteConflict', 'Cannot delete a policy attached to entities.');
      await assert.rejects(h.call(DeletePolicy, { PolicyArn: mine }), inUse);
      await assert.rejects(
        h.call(DeleteUser, { UserName: 'alice' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must detach all policies first.'),
      );
      await assert.rejects(
        h.call(DeleteGroup, { GroupName: 'devs' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must detach all policies first.'),
      );
      await h.call(DetachUserPolicy, { UserName: 'alice', PolicyArn: mine });
      await h.call(PutUserPermissionsBoundary, { UserName: 'alice', PermissionsBoundary: mine });
      await assert.rejects(h.call(DeletePolicy, { PolicyArn: mine }), inUse);
      await h.call(DeleteUser, { UserName: 'alice' }); // a boundary does not block it
      await h.call(DeletePolicy, { PolicyArn: mine });
      await h.call(DetachGroupPolicy, { GroupName: 'devs', PolicyArn: ADMIN });
      await h.call(DeleteGroup, { GroupName: 'devs' });
    }));
});

describe('ListEntitiesForPolicy', () => {
  test('users and groups by filter, path and usage', () =>
    withHarness(async (h) => {
      await setUp(h);
      await h.call(CreateUser, { UserName: 'bob', Path: '/eng/' });
      await h.call(CreateUser, { UserName: 'carol' });
      await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: READ });
      await h.call(AttachUserPolicy, { UserName: 'bob', PolicyArn: READ });
      await h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: READ });
      await h.call(PutUserPermissionsBoundary, { UserName: 'carol', PermissionsBoundary: READ });
      const ids = async (name: string): Promise<string> =>
        (await h.store.transaction((tx) => tx.users.getByName(name)))?.userId ?? '';

      const all = await h.call(ListEntitiesForPolicy, { PolicyArn: READ });
      assert.deepEqual(
        all.PolicyUsers.map((u) => u.UserName),
        ['alice', 'bob', 'carol'],
      );
      assert.deepEqual(
        all.PolicyGroups.map((g) => g.GroupName),
        ['devs'],
      );
      assert.deepEqual(all.PolicyRoles, []);
      assert.equal(all.PolicyUsers[0]?.UserId, await ids('alice'));

      const users = await h.call(ListEntitiesForPolicy, {
        PolicyArn: READ,
        EntityFilter: 'User',
        PathPrefix: '/eng/',
      });
      assert.deepEqual(
        users.PolicyUsers.map((u) => u.UserName),
        ['bob'],
      );
      assert.deepEqual(users.PolicyGroups, []);
      const boundary = await h.call(ListEntitiesForPolicy, {
        PolicyArn: READ,
        PolicyUsageFilter: 'PermissionsBoundary',
      });
      assert.deepEqual(
        boundary.PolicyUsers.map((u) => u.UserName),
        ['carol'],
      );
      const roles = await h.call(ListEntitiesForPolicy, { PolicyArn: READ, EntityFilter: 'Role' });
      assert.deepEqual([roles.PolicyUsers, roles.PolicyGroups, roles.PolicyRoles], [[], [], []]);
      const local = await h.call(ListEntitiesForPolicy, {
        PolicyArn: READ,
        EntityFilter: 'LocalManagedPolicy',
      });
      assert.deepEqual(local.PolicyUsers, []);

      const first = await h.call(ListEntitiesForPolicy, { PolicyArn: READ, MaxItems: 2 });
      assert.equal(first.IsTruncated, true);
      const rest = await h.call(ListEntitiesForPolicy, {
        PolicyArn: READ,
        MaxItems: 2,
        Marker: first.Marker ?? '',
      });
      assert.equal(
        first.PolicyUsers.length +
          first.PolicyGroups.length +
          rest.PolicyUsers.length +
          rest.PolicyGroups.length,
        4,
      );

      await assert.rejects(
        h.call(ListEntitiesForPolicy, { PolicyArn: `${ACCT}:policy/Nope` }),
        wardenError('NoSuchEntity', `Policy ${ACCT}:policy/Nope was not found.`),
      );
    }));
});

describe('ListPolicies usage filters', () => {
  test('OnlyAttached and PolicyUsageFilter, over customer and AWS managed policies', () =>
    withHarness(async (h) => {
      await setUp(h);
      await h.call(AttachUserPolicy, { UserName: 'alice', PolicyArn: `${ACCT}:policy/Mine` });
      await h.call(AttachGroupPolicy, { GroupName: 'devs', PolicyArn: ADMIN });
      await h.call(PutUserPermissionsBoundary, { UserName: 'alice', PermissionsBoundary: READ });
      const names = async (input: Parameters<typeof ListPolicies.run>[0]): Promise<string[]> =>
        (await h.call(ListPolicies, input)).Policies.map((p) => p.PolicyName);
      assert.deepEqual(await names({ OnlyAttached: true }), ['AdministratorAccess', 'Mine']);
      assert.deepEqual(await names({ OnlyAttached: true, Scope: 'Local' }), ['Mine']);
      assert.deepEqual(await names({ OnlyAttached: true, Scope: 'AWS' }), ['AdministratorAccess']);
      assert.deepEqual(await names({ OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' }), [
        'ReadOnlyAccess',
      ]);
      const listed = (await h.call(ListPolicies, { OnlyAttached: true, Scope: 'AWS' })).Policies[0];
      assert.equal(listed?.AttachmentCount, 1);
      const read = (await h.call(GetPolicy, { PolicyArn: READ })).Policy;
      assert.equal(read.PermissionsBoundaryUsageCount, 1);
    }));
});
