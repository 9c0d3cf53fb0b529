/**
 * Access advisor through the real AWS SDK against a real `warden serve` (issue 7): calls by a
 * user, by a group member and by a role session show up under the right services and entities;
 * services allowed but never used have no LastAuthenticated; ACTION_LEVEL shows the IAM actions
 * used; RoleLastUsed and GetAccessKeyLastUsed come from the same batched records.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetAccessKeyLastUsedCommand,
  GetRoleCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListPoliciesGrantingServiceAccessCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  type IAMClient,
  type ServiceLastAccessed,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { stsClient, type Credentials } from './harness.ts';
import {
  ACCOUNT_ID,
  assertRecent,
  expectError,
  iamClientIn,
  startSuite,
  stopSuite,
  userArn,
  userWithKey,
  type Suite,
} from './sdk-kit.ts';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/deploy`;
const GROUP_ARN = `arn:aws:iam::${ACCOUNT_ID}:group/devs`;
const POLICY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/Readers`;
const ALICE = userArn('alice', '/eng/');
const BOB = userArn('bob');

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (...actions: string[]) => ({ Effect: 'Allow', Action: actions, Resource: '*' });

let s: Suite;
let alice: Credentials;
let bob: Credentials;
let aliceKeyId: string;

/** Runs `fn` with an IAM client of these credentials in `region`. */
async function as<T>(
  credentials: Credentials,
  region: string,
  fn: (iam: IAMClient) => Promise<T>,
): Promise<T> {
  const iam = iamClientIn(s.warden.endpoint, region, credentials);
  try {
    return await fn(iam);
  } finally {
    iam.destroy();
  }
}

async function report(Arn: string, Granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL' = 'SERVICE_LEVEL') {
  const { JobId } = await s.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn, Granularity }));
  assert.ok(JobId !== undefined && JobId.length === 36, JobId);
  const got = await s.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 1000 }));
  assert.equal(got.JobStatus, 'COMPLETED');
  assert.equal(got.JobType, Granularity);
  assertRecent(got.JobCreationDate, 'JobCreationDate');
  assertRecent(got.JobCompletionDate, 'JobCompletionDate');
  assert.equal(got.IsTruncated, false);
  const services = got.ServicesLastAccessed ?? [];
  return { JobId, services, of: (ns: string) => services.find((x) => x.ServiceNamespace === ns) };
}

const neverUsed = (service: ServiceLastAccessed | undefined, ns: string) => {
  assert.ok(service !== undefined, `${ns} is listed`);
  assert.equal(service.LastAuthenticated, undefined, `${ns} has no LastAuthenticated`);
  assert.equal(service.LastAuthenticatedEntity, undefined);
  assert.equal(service.TotalAuthenticatedEntities, 0);
};

describe('access advisor through the SDK', () => {
  before(async () => {
    s = await startSuite();
    ({ credentials: alice } = await userWithKey(s.iam, 'alice', '/eng/'));
    aliceKeyId = alice.accessKeyId;
    ({ credentials: bob } = await userWithKey(s.iam, 'bob'));
    await s.iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'own',
        PolicyDocument: doc(allow('iam:ListUsers', 's3:GetObject', 'ec2:DescribeInstances')),
      }),
    );
    await s.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await s.iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'devs',
        PolicyName: 'team',
        PolicyDocument: doc(allow('iam:ListGroups', 'sts:AssumeRole', 'dynamodb:GetItem')),
      }),
    );
    for (const UserName of ['alice', 'bob']) {
      await s.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName }));
    }
    await s.iam.send(
      new CreatePolicyCommand({ PolicyName: 'Readers', PolicyDocument: doc(allow('iam:GetUser')) }),
    );
    await s.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: POLICY_ARN }));
    await s.iam.send(
      new CreateRoleCommand({
        RoleName: 'deploy',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await s.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'deploy',
        PolicyName: 'run',
        PolicyDocument: doc(allow('iam:ListRoles', 's3:ListBucket')),
      }),
    );
    await s.iam.send(new AttachRolePolicyCommand({ RoleName: 'deploy', PolicyArn: POLICY_ARN }));

    // The calls: alice (two regions), bob through the group's policy, and a session of deploy.
    await as(alice, 'eu-west-1', (iam) => iam.send(new ListUsersCommand({})));
    await as(alice, 'us-east-1', (iam) => iam.send(new GetUserCommand({ UserName: 'alice' })));
    await as(bob, 'us-east-1', (iam) => iam.send(new ListGroupsCommand({})));
    const sts = stsClient(s.warden.endpoint, bob);
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'ci' }));
    sts.destroy();
    const c = assumed.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
    const session = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
    await as(session, 'us-west-2', (iam) => iam.send(new ListRolesCommand({})));
  });

  after(() => stopSuite(s));

  it("a user's report: every service its own and its groups' policies allow, by namespace; used ones with the user", async () => {
    const { services, of } = await report(ALICE);
    assert.deepEqual(
      services.map((x) => x.ServiceNamespace),
      ['dynamodb', 'ec2', 'iam', 's3', 'sts'],
    );
    const iam = of('iam');
    assert.equal(iam?.ServiceName, 'AWS Identity and Access Management');
    assertRecent(iam?.LastAuthenticated, 'LastAuthenticated');
    assert.equal(iam?.LastAuthenticatedEntity, ALICE);
    assert.equal(iam?.LastAuthenticatedRegion, 'us-east-1', 'the last call (GetUser) was in us-east-1');
    assert.equal(iam?.TotalAuthenticatedEntities, 1);
    for (const ns of ['dynamodb', 'ec2', 's3', 'sts']) neverUsed(of(ns), ns);
  });

  it('ACTION_LEVEL lists the IAM actions the user used', async () => {
    const { of } = await report(ALICE, 'ACTION_LEVEL');
    const tracked = of('iam')?.TrackedActionsLastAccessed ?? [];
    assert.deepEqual(
      tracked.map((a) => [a.ActionName, a.LastAccessedEntity, a.LastAccessedRegion]),
      [
        ['GetUser', ALICE, 'us-east-1'],
        ['ListUsers', ALICE, 'eu-west-1'],
      ],
    );
    for (const a of tracked) assertRecent(a.LastAccessedTime, `${a.ActionName} LastAccessedTime`);
    assert.equal(of('s3')?.TrackedActionsLastAccessed, undefined);
  });

  it("a group's report: its members' use through the group's services; entities with their last use", async () => {
    const { JobId, services, of } = await report(GROUP_ARN);
    assert.deepEqual(
      services.map((x) => x.ServiceNamespace),
      ['dynamodb', 'iam', 'sts'],
    );
    assert.equal(of('iam')?.LastAuthenticatedEntity, BOB, 'bob called IAM after alice');
    assert.equal(of('iam')?.TotalAuthenticatedEntities, 2);
    assert.equal(of('sts')?.LastAuthenticatedEntity, BOB, 'bob assumed the role');
    neverUsed(of('dynamodb'), 'dynamodb');
    const entities = await s.iam.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }),
    );
    assert.equal(entities.JobStatus, 'COMPLETED');
    assert.deepEqual(
      entities.EntityDetailsList?.map((e) => [e.EntityInfo?.Type, e.EntityInfo?.Arn, e.EntityInfo?.Path]),
      [
        ['USER', BOB, '/'],
        ['USER', ALICE, '/eng/'],
      ],
      'most recent first',
    );
    const none = await s.iam.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'dynamodb' }),
    );
    assert.deepEqual(
      none.EntityDetailsList?.map((e) => [e.EntityInfo?.Name, e.LastAuthenticated]),
      [
        ['alice', undefined],
        ['bob', undefined],
      ],
    );
  });

  it("a role's report: its session's calls, with the role as the entity", async () => {
    const { services, of } = await report(ROLE_ARN, 'ACTION_LEVEL');
    assert.deepEqual(
      services.map((x) => x.ServiceNamespace),
      ['iam', 's3'],
    );
    assert.equal(of('iam')?.LastAuthenticatedEntity, ROLE_ARN);
    assert.equal(of('iam')?.LastAuthenticatedRegion, 'us-west-2');
    assert.deepEqual(
      of('iam')?.TrackedActionsLastAccessed?.map((a) => [a.ActionName, a.LastAccessedEntity]),
      [['ListRoles', ROLE_ARN]],
    );
    neverUsed(of('s3'), 's3');
  });

  it("a managed policy's report: the users and roles it is attached to", async () => {
    const { JobId, of } = await report(POLICY_ARN);
    assert.equal(of('iam')?.LastAuthenticatedEntity, ROLE_ARN, "the role's session called IAM last");
    assert.equal(of('iam')?.TotalAuthenticatedEntities, 2, 'alice and the role both used IAM');
    const entities = await s.iam.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }),
    );
    assert.deepEqual(
      entities.EntityDetailsList?.map((e) => [e.EntityInfo?.Type, e.EntityInfo?.Name]),
      [
        ['ROLE', 'deploy'],
        ['USER', 'alice'],
      ],
    );
  });

  it('a denied attempt counts as AWS counts it (its data includes attempts, not just successes)', async () => {
    const { credentials: dave } = await userWithKey(s.iam, 'dave');
    await s.iam.send(
      new PutUserPolicyCommand({
        UserName: 'dave',
        PolicyName: 'p',
        PolicyDocument: doc(allow('iam:GetUser')),
      }),
    );
    await expectError(
      as(dave, 'ap-northeast-1', (iam) => iam.send(new ListUsersCommand({}))),
      { name: 'AccessDenied', status: 403 },
    );
    const { of } = await report(userArn('dave'), 'ACTION_LEVEL');
    assert.equal(of('iam')?.LastAuthenticatedEntity, userArn('dave'));
    assert.equal(of('iam')?.LastAuthenticatedRegion, 'ap-northeast-1');
    assert.deepEqual(of('iam')?.TrackedActionsLastAccessed, undefined, 'ListUsers is not an allowed action');
  });

  it('RoleLastUsed and GetAccessKeyLastUsed come from the same records', async () => {
    const role = await s.iam.send(new GetRoleCommand({ RoleName: 'deploy' }));
    assertRecent(role.Role?.RoleLastUsed?.LastUsedDate, 'RoleLastUsed');
    assert.equal(role.Role?.RoleLastUsed?.Region, 'us-west-2');
    const key = await s.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: aliceKeyId }));
    assertRecent(key.AccessKeyLastUsed?.LastUsedDate, 'LastUsedDate');
    assert.equal(key.AccessKeyLastUsed?.ServiceName, 'iam');
    assert.equal(key.AccessKeyLastUsed?.Region, 'us-east-1', "alice's last call (GetUser)");
  });

  it("ListPoliciesGrantingServiceAccess names the user's own and its group's policies per service", async () => {
    const got = await s.iam.send(
      new ListPoliciesGrantingServiceAccessCommand({
        Arn: ALICE,
        ServiceNamespaces: ['iam', 'dynamodb', 'lambda'],
      }),
    );
    assert.equal(got.IsTruncated, false);
    assert.deepEqual(
      got.PoliciesGrantingServiceAccess?.map((e) => [
        e.ServiceNamespace,
        e.Policies?.map((p) => [p.PolicyName, p.PolicyType, p.PolicyArn ?? p.EntityName]),
      ]),
      [
        [
          'iam',
          [
            ['own', 'INLINE', 'alice'],
            ['Readers', 'MANAGED', POLICY_ARN],
            ['team', 'INLINE', 'devs'],
          ],
        ],
        ['dynamodb', [['team', 'INLINE', 'devs']]],
        ['lambda', []],
      ],
    );
  });

  it('errors: NoSuchEntity for an unknown user or job, InvalidInput for another ARN type', async () => {
    await expectError(s.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: userArn('nobody') })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    await expectError(
      s.iam.send(
        new GenerateServiceLastAccessedDetailsCommand({
          Arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/x`,
        }),
      ),
      { name: 'InvalidInputException', status: 400 },
    );
    await expectError(
      s.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: '00000000-0000-4000-8000-000000000000' })),
      { name: 'NoSuchEntityException', status: 404 },
    );
  });
});
