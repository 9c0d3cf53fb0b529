import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, tags, wardenError, type Harness } from '../testing/harness.ts';
import {
  AddRoleToInstanceProfile,
  CreateInstanceProfile,
  CreateRole,
  CreateUser,
  DeleteInstanceProfile,
  DeleteRole,
  GetAccountAuthorizationDetails,
  GetAccountSummary,
  GetInstanceProfile,
  ListInstanceProfiles,
  ListInstanceProfilesForRole,
  ListInstanceProfileTags,
  PutUserPolicy,
  RemoveRoleFromInstanceProfile,
  TagInstanceProfile,
  UntagInstanceProfile,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

async function world(h: Harness) {
  const role = (
    await h.call(CreateRole, { RoleName: 'EC2-S3-Access', AssumeRolePolicyDocument: EC2, Path: '/app/' })
  ).Role;
  await h.call(CreateRole, { RoleName: 'other', AssumeRolePolicyDocument: EC2 });
  const profile = (
    await h.call(CreateInstanceProfile, { InstanceProfileName: 'Web', Path: '/p/', Tags: tags(['K', 'v']) })
  ).InstanceProfile;
  return { role, profile };
}

describe('instance profiles', () => {
  test('created empty, with tags; names unique case-insensitively', () =>
    withHarness(async (h) => {
      const { profile } = await world(h);
      assert.match(profile.InstanceProfileId, /^AIPA[A-Z2-7]{17}$/);
      assert.deepEqual(
        { ...profile, InstanceProfileId: 'x' },
        {
          Path: '/p/',
          InstanceProfileName: 'Web',
          InstanceProfileId: 'x',
          Arn: `${ACCT}:instance-profile/p/Web`,
          CreateDate: h.clock.now(),
          Roles: [],
          Tags: [{ Key: 'K', Value: 'v' }],
        },
      );
      await assert.rejects(
        h.call(CreateInstanceProfile, { InstanceProfileName: 'WEB' }),
        wardenError('EntityAlreadyExists', 'Instance Profile WEB already exists.'),
      );
      await assert.rejects(
        h.call(GetInstanceProfile, { InstanceProfileName: 'nope' }),
        wardenError('NoSuchEntity', 'Instance Profile nope cannot be found.'),
      );
    }));

  test('one role each; the same role twice is EntityAlreadyExists; remove, list for role', () =>
    withHarness(async (h) => {
      const { role } = await world(h);
      await h.call(CreateInstanceProfile, { InstanceProfileName: 'Batch' });
      await h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'web', RoleName: 'ec2-s3-access' });
      await assert.rejects(
        h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'Web', RoleName: 'other' }),
        wardenError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1'),
      );
      await assert.rejects(
        h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'Web', RoleName: 'EC2-S3-Access' }),
        wardenError('EntityAlreadyExists', /already in instance profile Web/),
      );
      await h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'Batch', RoleName: 'EC2-S3-Access' });
      const got = (await h.call(GetInstanceProfile, { InstanceProfileName: 'Web' })).InstanceProfile;
      assert.deepEqual(got.Roles, [
        {
          Path: '/app/',
          RoleName: 'EC2-S3-Access',
          RoleId: role.RoleId,
          Arn: `${ACCT}:role/app/EC2-S3-Access`,
          CreateDate: h.clock.now(),
          AssumeRolePolicyDocument: EC2,
          MaxSessionDuration: 3600,
        },
      ]);
      const forRole = await h.call(ListInstanceProfilesForRole, { RoleName: 'EC2-S3-Access', MaxItems: 1 });
      assert.deepEqual(
        forRole.InstanceProfiles.map((p) => p.InstanceProfileName),
        ['Batch'],
      );
      assert.equal(forRole.IsTruncated, true);
      const next = await h.call(ListInstanceProfilesForRole, {
        RoleName: 'EC2-S3-Access',
        Marker: forRole.Marker ?? '',
      });
      assert.deepEqual(
        next.InstanceProfiles.map((p) => [p.InstanceProfileName, 'Tags' in p]),
        [['Web', false]],
      );
      await assert.rejects(
        h.call(DeleteRole, { RoleName: 'EC2-S3-Access' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.'),
      );
      await assert.rejects(
        h.call(DeleteInstanceProfile, { InstanceProfileName: 'Web' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.'),
      );
      const details = await h.call(GetAccountAuthorizationDetails, { Filter: ['Role'] });
      const detail = details.RoleDetailList.find((r) => r.RoleName === 'EC2-S3-Access');
      assert.deepEqual(
        detail?.InstanceProfileList.map((p) => [p.InstanceProfileName, p.Roles.map((r) => r.RoleName)]),
        [
          ['Batch', ['EC2-S3-Access']],
          ['Web', ['EC2-S3-Access']],
        ],
      );
      await assert.rejects(
        h.call(RemoveRoleFromInstanceProfile, { InstanceProfileName: 'Web', RoleName: 'other' }),
        wardenError('NoSuchEntity', /not in instance profile Web/),
      );
      await h.call(RemoveRoleFromInstanceProfile, { InstanceProfileName: 'Web', RoleName: 'EC2-S3-Access' });
      await h.call(RemoveRoleFromInstanceProfile, {
        InstanceProfileName: 'Batch',
        RoleName: 'EC2-S3-Access',
      });
      await h.call(DeleteInstanceProfile, { InstanceProfileName: 'Web' });
      await h.call(DeleteRole, { RoleName: 'EC2-S3-Access' });
      assert.deepEqual(
        (await h.call(ListInstanceProfiles, {})).InstanceProfiles.map((p) => p.InstanceProfileName),
        ['Batch'],
      );
    }));

  test('ListInstanceProfiles pages, filters by path and leaves out tags; the summary counts them', () =>
    withHarness(async (h) => {
      await world(h);
      await h.call(CreateInstanceProfile, { InstanceProfileName: 'a' });
      const first = await h.call(ListInstanceProfiles, { MaxItems: 1 });
      assert.deepEqual(
        first.InstanceProfiles.map((p) => p.InstanceProfileName),
        ['a'],
      );
      const rest = await h.call(ListInstanceProfiles, { MaxItems: 1, Marker: first.Marker ?? '' });
      assert.deepEqual(
        rest.InstanceProfiles.map((p) => [p.InstanceProfileName, 'Tags' in p]),
        [['Web', false]],
      );
      assert.deepEqual(
        (await h.call(ListInstanceProfiles, { PathPrefix: '/p/' })).InstanceProfiles.map(
          (p) => p.InstanceProfileName,
        ),
        ['Web'],
      );
      const summary = (await h.call(GetAccountSummary, {})).SummaryMap;
      assert.equal(summary.InstanceProfiles, 2);
      assert.equal(summary.InstanceProfilesQuota, 1000);
    }));

  test('tags keep the case of their keys', () =>
    withHarness(async (h) => {
      await world(h);
      await h.call(TagInstanceProfile, {
        InstanceProfileName: 'Web',
        Tags: tags(['k', 'lower'], ['K', 'upper']),
      });
      assert.deepEqual((await h.call(ListInstanceProfileTags, { InstanceProfileName: 'Web' })).Tags, [
        { Key: 'k', Value: 'lower' },
        { Key: 'K', Value: 'upper' },
      ]);
      await h.call(UntagInstanceProfile, { InstanceProfileName: 'Web', TagKeys: ['K'] });
      assert.deepEqual((await h.call(ListInstanceProfileTags, { InstanceProfileName: 'Web' })).Tags, [
        { Key: 'k', Value: 'lower' },
      ]);
    }));
});

describe('iam:PassRole for AddRoleToInstanceProfile', () => {
  const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const ADD = { Effect: 'Allow', Action: 'iam:AddRoleToInstanceProfile', Resource: '*' };
  const pass = (service: string) => ({
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: `${ACCT}:role/app/*`,
    Condition: {
      StringEquals: { 'iam:PassedToService': service },
      ArnLike: { 'iam:AssociatedResourceArn': 'arn:aws:ec2:*:123456789012:instance/*' },
    },
  });

  async function bobWith(h: Harness, statements: unknown[]) {
    await h.call(CreateUser, { UserName: 'bob' });
    await h.call(PutUserPolicy, { UserName: 'bob', PolicyName: 'p', PolicyDocument: policy(statements) });
    return h.userCaller('bob');
  }

  test('without PassRole on the role the call is denied in AWS words, and nothing changes', () =>
    withHarness(async (h) => {
      await world(h);
      const bob = await bobWith(h, [ADD]);
      await assert.rejects(
        h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'Web', RoleName: 'EC2-S3-Access' }, bob),
        wardenError(
          'AccessDenied',
          `User: ${ACCT}:user/bob is not authorized to perform: iam:PassRole on resource: ${ACCT}:role/app/EC2-S3-Access ` +
            'because no identity-based policy allows the iam:PassRole action',
        ),
      );
      assert.deepEqual(
        (await h.call(GetInstanceProfile, { InstanceProfileName: 'Web' })).InstanceProfile.Roles,
        [],
      );
    }));

  test('PassRole to EC2 lets it through; PassRole to another service does not', () =>
    withHarness(async (h) => {
      await world(h);
      const bob = await bobWith(h, [ADD, pass('ec2.amazonaws.com')]);
      await h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'Web', RoleName: 'EC2-S3-Access' }, bob);
      await h.call(CreateInstanceProfile, { InstanceProfileName: 'Other' });
      await assert.rejects(
        h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'Other', RoleName: 'other' }, bob),
        wardenError('AccessDenied', /iam:PassRole on resource: arn:aws:iam::123456789012:role\/other /),
      );
    }));

  test('PassRole restricted to Lambda does not cover an instance profile', () =>
    withHarness(async (h) => {
      await world(h);
      const bob = await bobWith(h, [ADD, pass('lambda.amazonaws.com')]);
      await assert.rejects(
        h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'Web', RoleName: 'EC2-S3-Access' }, bob),
        wardenError('AccessDenied', /iam:PassRole/),
      );
    }));
});
