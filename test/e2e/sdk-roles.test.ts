/**
 * Roles, instance profiles and service-linked roles through the real AWS SDK against a real
 * `warden serve` (issue 5, "Roles and instance profiles"): the seed's EC2-S3-Access role in its
 * instance profile, what the SDK parses back (the URL-encoded trust policy, RoleLastUsed, the
 * paginators), the errors in AWS's words, and iam:PassRole asked of a delegated administrator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteServiceLinkedRoleCommand,
  GetAccountAuthorizationDetailsCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateRoleCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import { iamClient } from './harness.ts';
import { ACCOUNT_ID, expectError, startSuite, stopSuite, userWithKey, type Suite } from './sdk-kit.ts';

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const PUT_LOGS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::app-logs/*' }],
});

describe('roles through the AWS SDK', () => {
  let suite: Suite | undefined;
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };
  before(async () => {
    suite = await startSuite();
  });
  after(() => stopSuite(suite));

  it('the seed example: EC2-S3-Access with its policy, in an instance profile', async () => {
    const { Role } = await s().iam.send(
      new CreateRoleCommand({
        RoleName: 'EC2-S3-Access',
        AssumeRolePolicyDocument: EC2_TRUST,
        Description: 'uploads logs',
        Tags: [{ Key: 'app', Value: 'logs' }],
      }),
    );
    assert.equal(Role?.Arn, `arn:aws:iam::${ACCOUNT_ID}:role/EC2-S3-Access`);
    assert.match(Role?.RoleId ?? '', /^AROA[A-Z2-7]{17}$/);
    // The SDK hands back the document as the server URL-encodes it, as AWS does.
    assert.equal(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''), EC2_TRUST);
    await s().iam.send(
      new PutRolePolicyCommand({ RoleName: 'EC2-S3-Access', PolicyName: 'logs', PolicyDocument: PUT_LOGS }),
    );
    await s().iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'EC2-S3-Access' }));
    await s().iam.send(
      new AddRoleToInstanceProfileCommand({
        InstanceProfileName: 'EC2-S3-Access',
        RoleName: 'EC2-S3-Access',
      }),
    );
    const profile = await s().iam.send(
      new GetInstanceProfileCommand({ InstanceProfileName: 'EC2-S3-Access' }),
    );
    assert.deepEqual(
      profile.InstanceProfile?.Roles?.map((r) => r.RoleName),
      ['EC2-S3-Access'],
    );
    const got = await s().iam.send(new GetRoleCommand({ RoleName: 'ec2-s3-access' }));
    assert.deepEqual(got.Role?.RoleLastUsed, {});
    assert.equal(got.Role?.MaxSessionDuration, 3600);
    assert.deepEqual(got.Role?.Tags, [{ Key: 'app', Value: 'logs' }]);
    const details = await s().iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    const detail = details.RoleDetailList?.find((r) => r.RoleName === 'EC2-S3-Access');
    assert.deepEqual(
      detail?.InstanceProfileList?.map((p) => p.InstanceProfileName),
      ['EC2-S3-Access'],
    );
    assert.equal(decodeURIComponent(detail?.RolePolicyList?.[0]?.PolicyDocument ?? ''), PUT_LOGS);
    await expectError(s().iam.send(new DeleteRoleCommand({ RoleName: 'EC2-S3-Access' })), {
      name: 'DeleteConflictException',
      status: 409,
      message: 'Cannot delete entity, must remove roles from instance profile first.',
    });
    await expectError(
      s().iam.send(
        new AddRoleToInstanceProfileCommand({
          InstanceProfileName: 'EC2-S3-Access',
          RoleName: 'EC2-S3-Access',
        }),
      ),
      { name: 'EntityAlreadyExistsException', status: 409 },
    );
  });

  it('trust policies are checked as AWS checks them; the paginator walks ListRoles', async () => {
    await expectError(
      s().iam.send(
        new CreateRoleCommand({
          RoleName: 'bad',
          AssumeRolePolicyDocument: EC2_TRUST.replace(
            '{"Service":"ec2.amazonaws.com"}',
            `{"AWS":"arn:aws:iam::${ACCOUNT_ID}:role/missing"}`,
          ),
        }),
      ),
      {
        name: 'MalformedPolicyDocumentException',
        status: 400,
        message: `Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT_ID}:role/missing"`,
      },
    );
    await expectError(
      s().iam.send(new UpdateRoleCommand({ RoleName: 'EC2-S3-Access', MaxSessionDuration: 60 })),
      { name: 'ValidationError', status: 400 },
    );
    for (const n of [1, 2, 3]) {
      await s().iam.send(
        new CreateRoleCommand({ RoleName: `worker-${n}`, Path: '/w/', AssumeRolePolicyDocument: EC2_TRUST }),
      );
    }
    const names: string[] = [];
    for await (const page of paginateListRoles({ client: s().iam, pageSize: 2 }, { PathPrefix: '/w/' }))
      names.push(...(page.Roles ?? []).map((r) => r.RoleName ?? ''));
    assert.deepEqual(names, ['worker-1', 'worker-2', 'worker-3']);
  });

  it('a service-linked role: AWS naming, unmodifiable, deleted through a task', async () => {
    const { Role } = await s().iam.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }),
    );
    assert.equal(
      Role?.Arn,
      `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    );
    await expectError(
      s().iam.send(
        new AttachRolePolicyCommand({
          RoleName: 'AWSServiceRoleForECS',
          PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
      { name: 'UnmodifiableEntityException', status: 400 },
    );
    const { DeletionTaskId } = await s().iam.send(
      new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForECS' }),
    );
    const status = await s().iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    assert.equal(status.Status, 'SUCCEEDED');
  });

  it('a delegated administrator needs iam:PassRole to put a role in an instance profile', async () => {
    const { credentials } = await userWithKey(s().iam, 'ops');
    await s().iam.send(
      new PutUserPolicyCommand({
        UserName: 'ops',
        PolicyName: 'profiles',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'],
              Resource: '*',
            },
          ],
        }),
      }),
    );
    const ops = iamClient(s().warden.endpoint, credentials);
    try {
      await ops.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ops-profile' }));
      await expectError(
        ops.send(
          new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ops-profile', RoleName: 'worker-1' }),
        ),
        {
          name: 'AccessDenied',
          status: 403,
          message:
            `User: arn:aws:iam::${ACCOUNT_ID}:user/ops is not authorized to perform: iam:PassRole on resource: ` +
            `arn:aws:iam::${ACCOUNT_ID}:role/w/worker-1 because no identity-based policy allows the iam:PassRole action`,
        },
      );
      await s().iam.send(
        new PutUserPolicyCommand({
          UserName: 'ops',
          PolicyName: 'pass',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'iam:PassRole',
                Resource: `arn:aws:iam::${ACCOUNT_ID}:role/w/*`,
                Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
              },
            ],
          }),
        }),
      );
      await ops.send(
        new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ops-profile', RoleName: 'worker-1' }),
      );
    } finally {
      ops.destroy();
    }
  });
});
