import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { Caller } from '../action.ts';
import { AccessTracker } from '../access-advisor/tracker.ts';
import { harnessWith, START, wardenError, type Harness } from '../testing/harness.ts';
import {
  AddUserToGroup,
  AttachRolePolicy,
  AttachUserPolicy,
  CreateGroup,
  CreatePolicy,
  CreateRole,
  CreateUser,
  GenerateServiceLastAccessedDetails,
  GetServiceLastAccessedDetails,
  GetServiceLastAccessedDetailsWithEntities,
  ListPoliciesGrantingServiceAccess,
  PutGroupPolicy,
  PutUserPolicy,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[]) => ({ Effect: 'Allow', Action: action, Resource: '*' });
const TRUST = doc({ Effect: 'Allow', Principal: { AWS: `${ACCT}:root` }, Action: 'sts:AssumeRole' });
const at = (ms: number) => new Date(START.getTime() + ms);

/**
 * alice (/eng/): iam:Get* and s3:GetObject inline; bob: policy Shared (iam:ListUsers); both in
 * devs (sts:GetCallerIdentity, ec2:Describe*); role deploy: Shared too.
 */
async function world(h: Harness): Promise<void> {
  await h.call(CreateUser, { UserName: 'alice', Path: '/eng/' });
  await h.call(CreateUser, { UserName: 'bob' });
  await h.call(PutUserPolicy, {
    UserName: 'alice',
    PolicyName: 'own',
    PolicyDocument: doc(allow(['iam:Get*', 's3:GetObject']), {
      Effect: 'Deny',
      Action: 'lambda:*',
      Resource: '*',
    }),
  });
  await h.call(CreateGroup, { GroupName: 'devs' });
  await h.call(PutGroupPolicy, {
    GroupName: 'devs',
    PolicyName: 'g',
    PolicyDocument: doc(allow(['sts:GetCallerIdentity', 'ec2:Describe*'])),
  });
  await h.call(AddUserToGroup, { GroupName: 'devs', UserName: 'alice' });
  await h.call(AddUserToGroup, { GroupName: 'devs', UserName: 'bob' });
  await h.call(CreatePolicy, { PolicyName: 'Shared', PolicyDocument: doc(allow('iam:ListUsers')) });
  await h.call(AttachUserPolicy, { UserName: 'bob', PolicyArn: `${ACCT}:policy/Shared` });
  await h.call(CreateRole, { RoleName: 'deploy', AssumeRolePolicyDocument: TRUST });
  await h.call(AttachRolePolicy, { RoleName: 'deploy', PolicyArn: `${ACCT}:policy/Shared` });
}

async function sessionOf(h: Harness): Promise<Caller> {
  const role = await h.store.transaction((tx) => tx.roles.getByName('deploy'));
  const roleId = role?.roleId ?? '';
  return {
    kind: 'assumed-role',
    arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci',
    accountId: '123456789012',
    accessKeyId: 'ASIATEST',
    userId: `${roleId}:ci`,
    roleId,
    roleName: 'deploy',
    roleArn: `${ACCT}:role/deploy`,
    sessionName: 'ci',
    session: {
      kind: 'assumed-role',
      issueTime: START,
      expiration: START,
      mfaAuthenticated: false,
      tags: [],
      transitiveTagKeys: [],
      policyArns: [],
    },
  };
}

/** Records uses through the real tracker, written to the harness's store. */
async function use(h: Harness, uses: [Caller, string, number, string?][]): Promise<void> {
  const tracker = new AccessTracker({ storeOf: () => h.store, clock: h.clock, log: console });
  for (const [caller, permission, ms, region] of uses) {
    tracker.track({
      accountId: '123456789012',
      caller,
      permission,
      region: region ?? 'us-east-1',
      time: at(ms),
    });
  }
  await tracker.close();
  h.clock.set(at(1000)); // the reports come after the uses
}

async function report(
  h: Harness,
  Arn: string,
  Granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL',
  MaxItems = 1000,
) {
  const { JobId } = await h.call(GenerateServiceLastAccessedDetails, {
    Arn,
    ...(Granularity && { Granularity }),
  });
  assert.match(JobId, /^[0-9a-f-]{36}$/);
  return { JobId, ...(await h.call(GetServiceLastAccessedDetails, { JobId, MaxItems })) };
}

const summary = (services: readonly { ServiceNamespace: string; LastAuthenticated?: Date }[]) =>
  services.map((s) => [s.ServiceNamespace, s.LastAuthenticated?.getTime() ?? null]);

describe('access advisor', () => {
  test("a user's report lists every service its own and its groups' policies allow, used or not, by namespace", () =>
    withHarness(async (h) => {
      await world(h);
      const alice = await h.userCaller('alice');
      await use(h, [
        [alice, 'iam:GetUser', 10, 'eu-west-1'],
        [alice, 'iam:GetRole', 20],
        [alice, 's3:GetObject', 5],
      ]);
      const got = await report(h, `${ACCT}:user/eng/alice`);
      assert.equal(got.JobStatus, 'COMPLETED');
      assert.equal(got.JobType, 'SERVICE_LEVEL');
      assert.ok(got.JobCompletionDate instanceof Date && got.JobCreationDate instanceof Date);
      assert.equal(got.IsTruncated, false);
      assert.deepEqual(summary(got.ServicesLastAccessed), [
        ['ec2', null],
        ['iam', at(20).getTime()],
        ['s3', at(5).getTime()],
        ['sts', null],
      ]);
      const [ec2, iam] = got.ServicesLastAccessed;
      assert.deepEqual(ec2, {
        ServiceName: 'Amazon EC2',
        ServiceNamespace: 'ec2',
        TotalAuthenticatedEntities: 0,
      });
      assert.deepEqual(iam, {
        ServiceName: 'AWS Identity and Access Management',
        ServiceNamespace: 'iam',
        LastAuthenticated: at(20),
        LastAuthenticatedEntity: `${ACCT}:user/eng/alice`,
        LastAuthenticatedRegion: 'us-east-1',
        TotalAuthenticatedEntities: 1,
      });
    }));

  test('ACTION_LEVEL adds the tracked actions used (IAM, STS), not for other services', () =>
    withHarness(async (h) => {
      await world(h);
      const alice = await h.userCaller('alice');
      await use(h, [
        [alice, 'iam:GetUser', 10, 'eu-west-1'],
        [alice, 'iam:GetRole', 20],
        [alice, 'iam:GetUser', 15, 'eu-west-2'],
        [alice, 's3:GetObject', 5],
      ]);
      const got = await report(h, `${ACCT}:user/eng/alice`, 'ACTION_LEVEL');
      assert.equal(got.JobType, 'ACTION_LEVEL');
      const byNs = new Map(got.ServicesLastAccessed.map((s) => [s.ServiceNamespace, s]));
      assert.deepEqual(byNs.get('iam')?.TrackedActionsLastAccessed, [
        {
          ActionName: 'GetRole',
          LastAccessedEntity: `${ACCT}:user/eng/alice`,
          LastAccessedTime: at(20),
          LastAccessedRegion: 'us-east-1',
        },
        {
          ActionName: 'GetUser',
          LastAccessedEntity: `${ACCT}:user/eng/alice`,
          LastAccessedTime: at(15),
          LastAccessedRegion: 'eu-west-2',
        },
      ]);
      assert.equal(byNs.get('s3')?.TrackedActionsLastAccessed, undefined);
      assert.equal(byNs.get('sts')?.TrackedActionsLastAccessed, undefined, 'allowed, never used');
    }));

  test("a group's report counts its members' use: the last one is the entity, each user counted once", () =>
    withHarness(async (h) => {
      await world(h);
      const [alice, bob] = [await h.userCaller('alice'), await h.userCaller('bob')];
      await use(h, [
        [alice, 'sts:GetCallerIdentity', 30],
        [bob, 'sts:GetCallerIdentity', 40, 'ap-south-1'],
        [bob, 'sts:GetCallerIdentity', 35],
        [alice, 'iam:GetUser', 50],
      ]);
      const got = await report(h, `${ACCT}:group/devs`);
      assert.deepEqual(summary(got.ServicesLastAccessed), [
        ['ec2', null],
        ['sts', at(40).getTime()],
      ]);
      const sts = got.ServicesLastAccessed[1];
      assert.equal(sts?.LastAuthenticatedEntity, `${ACCT}:user/bob`);
      assert.equal(sts?.LastAuthenticatedRegion, 'ap-south-1');
      assert.equal(sts?.TotalAuthenticatedEntities, 2);
      const entities = await h.call(GetServiceLastAccessedDetailsWithEntities, {
        JobId: got.JobId,
        ServiceNamespace: 'sts',
      });
      assert.equal(entities.JobStatus, 'COMPLETED');
      assert.deepEqual(
        entities.EntityDetailsList.map((e) => [
          e.EntityInfo.Type,
          e.EntityInfo.Name,
          e.EntityInfo.Path,
          e.LastAuthenticated,
        ]),
        [
          ['USER', 'bob', '/', at(40)],
          ['USER', 'alice', '/eng/', at(30)],
        ],
      );
      const ec2 = await h.call(GetServiceLastAccessedDetailsWithEntities, {
        JobId: got.JobId,
        ServiceNamespace: 'ec2',
      });
      assert.deepEqual(
        ec2.EntityDetailsList.map((e) => [e.EntityInfo.Arn, e.LastAuthenticated]),
        [
          [`${ACCT}:user/eng/alice`, undefined],
          [`${ACCT}:user/bob`, undefined],
        ],
        'members that never used it are listed without a date',
      );
    }));

  test("a role's report shows the role as the entity of its sessions' use", () =>
    withHarness(async (h) => {
      await world(h);
      await use(h, [[await sessionOf(h), 'iam:ListUsers', 60, 'us-west-2']]);
      const got = await report(h, `${ACCT}:role/deploy`, 'ACTION_LEVEL');
      assert.deepEqual(got.ServicesLastAccessed, [
        {
          ServiceName: 'AWS Identity and Access Management',
          ServiceNamespace: 'iam',
          LastAuthenticated: at(60),
          LastAuthenticatedEntity: `${ACCT}:role/deploy`,
          LastAuthenticatedRegion: 'us-west-2',
          TotalAuthenticatedEntities: 1,
          TrackedActionsLastAccessed: [
            {
              ActionName: 'ListUsers',
              LastAccessedEntity: `${ACCT}:role/deploy`,
              LastAccessedTime: at(60),
              LastAccessedRegion: 'us-west-2',
            },
          ],
        },
      ]);
    }));

  test("a policy's report covers the users and roles it is attached to", () =>
    withHarness(async (h) => {
      await world(h);
      await use(h, [
        [await h.userCaller('bob'), 'iam:ListUsers', 70],
        [await sessionOf(h), 'iam:ListUsers', 80],
      ]);
      const got = await report(h, `${ACCT}:policy/Shared`);
      assert.equal(got.ServicesLastAccessed.length, 1);
      assert.equal(got.ServicesLastAccessed[0]?.LastAuthenticatedEntity, `${ACCT}:role/deploy`);
      assert.equal(got.ServicesLastAccessed[0]?.TotalAuthenticatedEntities, 2);
      const entities = await h.call(GetServiceLastAccessedDetailsWithEntities, {
        JobId: got.JobId,
        ServiceNamespace: 'iam',
      });
      assert.deepEqual(
        entities.EntityDetailsList.map((e) => [e.EntityInfo.Type, e.EntityInfo.Name, e.LastAuthenticated]),
        [
          ['ROLE', 'deploy', at(80)],
          ['USER', 'bob', at(70)],
        ],
      );
    }));

  test('an AWS managed policy lists its services; Allow * lists the whole catalog; pages with Marker', () =>
    withHarness(async (h) => {
      await world(h);
      await h.call(PutUserPolicy, { UserName: 'bob', PolicyName: 'all', PolicyDocument: doc(allow('*')) });
      const all = await report(h, `${ACCT}:user/bob`);
      assert.ok(all.ServicesLastAccessed.length > 300, `${all.ServicesLastAccessed.length} services`);
      const namespaces = all.ServicesLastAccessed.map((s) => s.ServiceNamespace);
      assert.deepEqual(namespaces, [...namespaces].sort());
      const first = await h.call(GetServiceLastAccessedDetails, { JobId: all.JobId, MaxItems: 2 });
      assert.equal(first.IsTruncated, true);
      assert.deepEqual(
        first.ServicesLastAccessed.map((s) => s.ServiceNamespace),
        namespaces.slice(0, 2),
      );
      const next = await h.call(GetServiceLastAccessedDetails, {
        JobId: all.JobId,
        MaxItems: 2,
        Marker: first.Marker ?? '',
      });
      assert.deepEqual(
        next.ServicesLastAccessed.map((s) => s.ServiceNamespace),
        namespaces.slice(2, 4),
      );
      const managed = await report(h, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
      assert.ok(managed.ServicesLastAccessed.some((s) => s.ServiceNamespace === 's3'));
    }));

  test("ListPoliciesGrantingServiceAccess: a user's own and its groups' policies that allow each service", () =>
    withHarness(async (h) => {
      await world(h);
      const got = await h.call(ListPoliciesGrantingServiceAccess, {
        Arn: `${ACCT}:user/bob`,
        ServiceNamespaces: ['iam', 'ec2', 'lambda'],
      });
      assert.deepEqual(got, {
        PoliciesGrantingServiceAccess: [
          {
            ServiceNamespace: 'iam',
            Policies: [{ PolicyName: 'Shared', PolicyType: 'MANAGED', PolicyArn: `${ACCT}:policy/Shared` }],
          },
          {
            ServiceNamespace: 'ec2',
            Policies: [{ PolicyName: 'g', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'devs' }],
          },
          { ServiceNamespace: 'lambda', Policies: [] },
        ],
        IsTruncated: false,
      });
      const role = await h.call(ListPoliciesGrantingServiceAccess, {
        Arn: `${ACCT}:role/deploy`,
        ServiceNamespaces: ['iam'],
      });
      assert.deepEqual(
        role.PoliciesGrantingServiceAccess[0]?.Policies.map((p) => p.PolicyName),
        ['Shared'],
      );
      await assert.rejects(
        h.call(ListPoliciesGrantingServiceAccess, {
          Arn: `${ACCT}:policy/Shared`,
          ServiceNamespaces: ['iam'],
        }),
        wardenError('InvalidInput', /Invalid ARN/),
      );
      await assert.rejects(
        h.call(ListPoliciesGrantingServiceAccess, { Arn: `${ACCT}:group/nope`, ServiceNamespaces: ['iam'] }),
        wardenError('NoSuchEntity', 'The group with name nope cannot be found.'),
      );
    }));

  test('errors: NoSuchEntity for an unknown entity or job, InvalidInput for another ARN type or a malformed job id', () =>
    withHarness(async (h) => {
      await world(h);
      await assert.rejects(
        h.call(GenerateServiceLastAccessedDetails, { Arn: `${ACCT}:user/nobody` }),
        wardenError('NoSuchEntity', 'The user with name nobody cannot be found.'),
      );
      await assert.rejects(
        h.call(GenerateServiceLastAccessedDetails, { Arn: `${ACCT}:policy/Nope` }),
        wardenError('NoSuchEntity', `Policy ${ACCT}:policy/Nope was not found.`),
      );
      await assert.rejects(
        h.call(GenerateServiceLastAccessedDetails, { Arn: `${ACCT}:instance-profile/p` }),
        wardenError('InvalidInput', /Invalid ARN/),
      );
      await assert.rejects(
        h.call(GetServiceLastAccessedDetails, { JobId: 'x'.repeat(36) }),
        wardenError('InvalidInput', /Invalid JobId/),
      );
      const unknown = '00000000-0000-4000-8000-000000000000';
      await assert.rejects(
        h.call(GetServiceLastAccessedDetails, { JobId: unknown }),
        wardenError('NoSuchEntity', `The job with id ${unknown} cannot be found.`),
      );
      const { JobId } = await h.call(GenerateServiceLastAccessedDetails, { Arn: `${ACCT}:user/bob` });
      await assert.rejects(
        h.run(GetServiceLastAccessedDetails, { JobId }, await h.userCaller('alice')),
        wardenError('NoSuchEntity', `The job with id ${JobId} cannot be found.`),
        "another principal's job",
      );
    }));
});
