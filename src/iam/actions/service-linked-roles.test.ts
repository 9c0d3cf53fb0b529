import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, wardenError } from '../testing/harness.ts';
import {
  AddRoleToInstanceProfile,
  AttachRolePolicy,
  CreateInstanceProfile,
  CreateRole,
  CreateServiceLinkedRole,
  DeleteRole,
  DeleteRolePolicy,
  DeleteServiceLinkedRole,
  DetachRolePolicy,
  GetRole,
  GetServiceLinkedRoleDeletionStatus,
  ListAttachedRolePolicies,
  PutRolePermissionsBoundary,
  PutRolePolicy,
  UpdateAssumeRolePolicy,
  UpdateRole,
  UpdateRoleDescription,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const ALLOW = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}';

describe('service-linked roles', () => {
  test("named and placed by the service, trusting only it, with the service's policy attached", () =>
    withHarness(async (h) => {
      const { Role: role } = await h.call(CreateServiceLinkedRole, {
        AWSServiceName: 'autoscaling.amazonaws.com',
        Description: 'for scaling',
      });
      assert.equal(role.RoleName, 'AWSServiceRoleForAutoScaling');
      assert.equal(role.Path, '/aws-service-role/autoscaling.amazonaws.com/');
      assert.equal(
        role.Arn,
        `${ACCT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      );
      assert.equal(role.Description, 'for scaling');
      assert.deepEqual(JSON.parse(role.AssumeRolePolicyDocument), {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['autoscaling.amazonaws.com'] },
            Action: ['sts:AssumeRole'],
          },
        ],
      });
      assert.deepEqual(
        (await h.call(ListAttachedRolePolicies, { RoleName: 'AWSServiceRoleForAutoScaling' }))
          .AttachedPolicies,
        [
          {
            PolicyName: 'AutoScalingServiceRolePolicy',
            PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy',
          },
        ],
      );
      const suffixed = await h.call(CreateServiceLinkedRole, {
        AWSServiceName: 'autoscaling.amazonaws.com',
        CustomSuffix: 'batch',
      });
      assert.equal(suffixed.Role.RoleName, 'AWSServiceRoleForAutoScaling_batch');
      // An unlisted service of AWS's form still gets a role, named after its first label.
      const other = await h.call(CreateServiceLinkedRole, { AWSServiceName: 'newthing.amazonaws.com' });
      assert.equal(other.Role.RoleName, 'AWSServiceRoleForNewthing');
    }));

  test('AWS refuses a taken name, a suffix the service does not accept, a service that is not one', () =>
    withHarness(async (h) => {
      await h.call(CreateServiceLinkedRole, { AWSServiceName: 'ecs.amazonaws.com' });
      await assert.rejects(
        h.call(CreateServiceLinkedRole, { AWSServiceName: 'ecs.amazonaws.com' }),
        wardenError(
          'InvalidInput',
          'Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.',
        ),
      );
      await assert.rejects(
        h.call(CreateServiceLinkedRole, { AWSServiceName: 'ecs.amazonaws.com', CustomSuffix: 'x' }),
        wardenError('InvalidInput', 'Custom suffix is not allowed for ecs.amazonaws.com'),
      );
      await assert.rejects(
        h.call(CreateServiceLinkedRole, { AWSServiceName: 'not-a-service' }),
        wardenError('InvalidInput', 'Invalid service name: not-a-service'),
      );
    }));

  test('only the service changes them (but for the description): the role actions say UnmodifiableEntity', () =>
    withHarness(async (h) => {
      await h.call(CreateServiceLinkedRole, { AWSServiceName: 'ecs.amazonaws.com' });
      await h.call(CreateInstanceProfile, { InstanceProfileName: 'p' });
      const RoleName = 'AWSServiceRoleForECS';
      const message = `Cannot perform the operation on the protected role '${RoleName}' - this role is only modifiable by AWS`;
      const attempts: Promise<unknown>[] = [
        h.call(DeleteRole, { RoleName }),
        h.call(UpdateRole, { RoleName, Description: 'x', MaxSessionDuration: 7200 }),
        h.call(UpdateAssumeRolePolicy, { RoleName, PolicyDocument: '{}' }),
        h.call(PutRolePolicy, { RoleName, PolicyName: 'p', PolicyDocument: ALLOW }),
        h.call(DeleteRolePolicy, { RoleName, PolicyName: 'p' }),
        h.call(AttachRolePolicy, { RoleName, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
        h.call(DetachRolePolicy, {
          RoleName,
          PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy',
        }),
        h.call(PutRolePermissionsBoundary, {
          RoleName,
          PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
        h.call(AddRoleToInstanceProfile, { InstanceProfileName: 'p', RoleName }),
      ];
      for (const attempt of attempts)
        await assert.rejects(attempt, wardenError('UnmodifiableEntity', message));
      // Its description is the one thing anyone may change (IAM User Guide, "Update a service-linked role").
      await h.call(UpdateRole, { RoleName, Description: 'mine' });
      assert.equal(
        (await h.call(UpdateRoleDescription, { RoleName, Description: 'ours' })).Role.Description,
        'ours',
      );
      assert.equal((await h.call(GetRole, { RoleName })).Role.Description, 'ours');
    }));

  test('DeleteServiceLinkedRole deletes it with its policies and answers a task whose status is SUCCEEDED', () =>
    withHarness(async (h) => {
      await h.call(CreateServiceLinkedRole, { AWSServiceName: 'ecs.amazonaws.com' });
      const { DeletionTaskId } = await h.call(DeleteServiceLinkedRole, { RoleName: 'AWSServiceRoleForECS' });
      assert.match(
        DeletionTaskId,
        /^task\/aws-service-role\/ecs\.amazonaws\.com\/AWSServiceRoleForECS\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      await assert.rejects(
        h.call(GetRole, { RoleName: 'AWSServiceRoleForECS' }),
        wardenError('NoSuchEntity', /./),
      );
      assert.deepEqual(await h.call(GetServiceLinkedRoleDeletionStatus, { DeletionTaskId }), {
        Status: 'SUCCEEDED',
      });
      await assert.rejects(
        h.call(GetServiceLinkedRoleDeletionStatus, {
          DeletionTaskId:
            'task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/00000000-0000-4000-8000-000000000000',
        }),
        wardenError('NoSuchEntity', /cannot be found/),
      );
      await assert.rejects(
        h.call(GetServiceLinkedRoleDeletionStatus, { DeletionTaskId: 'nonsense' }),
        wardenError('InvalidInput', 'Invalid deletion task id: nonsense'),
      );
      // The service can create it again afterwards.
      await h.call(CreateServiceLinkedRole, { AWSServiceName: 'ecs.amazonaws.com' });
    }));

  test('DeleteServiceLinkedRole refuses ordinary roles and unknown names', () =>
    withHarness(async (h) => {
      await h.call(CreateRole, {
        RoleName: 'plain',
        AssumeRolePolicyDocument:
          '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}',
      });
      await assert.rejects(
        h.call(DeleteServiceLinkedRole, { RoleName: 'plain' }),
        wardenError('InvalidInput', 'Role plain is not a service-linked role.'),
      );
      await assert.rejects(
        h.call(DeleteServiceLinkedRole, { RoleName: 'ghost' }),
        wardenError('NoSuchEntity', 'The role with name ghost cannot be found.'),
      );
    }));
});
