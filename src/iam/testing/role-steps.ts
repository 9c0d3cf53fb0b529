import { decodeInput } from '../../protocol/index.ts';
import type { ActionDefinition } from '../action.ts';
import { iamActions } from '../registry.ts';
import type { Harness } from './harness.ts';

const EC2 =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const LAMBDA =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const S3 = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

/**
 * The role, instance profile and service-linked role actions through the wire decoder, for the
 * wire-shapes scenario: a role with every optional field, its tags, boundary, attached and inline
 * policies, an instance profile holding it (seen in GetAccountAuthorizationDetails), then all of it
 * undone; a service-linked role created, deleted and its deletion task read. Returns each output.
 */
export async function roleSteps(h: Harness): Promise<[string, unknown][]> {
  const results: [string, unknown][] = [];
  const step = async (name: string, params: Record<string, string>): Promise<unknown> => {
    const action = iamActions.get(name) as ActionDefinition<Record<string, unknown>, unknown> | undefined;
    if (action === undefined) throw new Error(`no action ${name}`);
    const output = await h.call(action, decodeInput('iam', name, new URLSearchParams(params)));
    results.push([name, output]);
    return output;
  };
  const RoleName = 'EC2-S3-Access';
  await step('CreateRole', {
    RoleName,
    Path: '/app/',
    AssumeRolePolicyDocument: EC2,
    Description: 'uploads logs',
    MaxSessionDuration: '7200',
    PermissionsBoundary: READ,
    'Tags.member.1.Key': 'team',
    'Tags.member.1.Value': 'a',
  });
  await step('GetRole', { RoleName });
  await step('ListRoles', { PathPrefix: '/app/', MaxItems: '10' });
  await step('UpdateRole', { RoleName, Description: 'd', MaxSessionDuration: '3600' });
  await step('UpdateRoleDescription', { RoleName, Description: 'again' });
  await step('UpdateAssumeRolePolicy', { RoleName, PolicyDocument: LAMBDA });
  await step('UpdateAssumeRolePolicy', { RoleName, PolicyDocument: EC2 });
  await step('TagRole', { RoleName, 'Tags.member.1.Key': 'env', 'Tags.member.1.Value': 'dev' });
  await step('UntagRole', { RoleName, 'TagKeys.member.1': 'env' });
  await step('ListRoleTags', { RoleName });
  await step('DeleteRolePermissionsBoundary', { RoleName });
  await step('PutRolePermissionsBoundary', { RoleName, PermissionsBoundary: READ });
  await step('AttachRolePolicy', { RoleName, PolicyArn: READ });
  await step('ListAttachedRolePolicies', { RoleName });
  await step('PutRolePolicy', { RoleName, PolicyName: 's3', PolicyDocument: S3 });
  await step('GetRolePolicy', { RoleName, PolicyName: 's3' });
  await step('ListRolePolicies', { RoleName });
  const InstanceProfileName = 'EC2-S3-Access';
  await step('CreateInstanceProfile', {
    InstanceProfileName,
    Path: '/app/',
    'Tags.member.1.Key': 'k',
    'Tags.member.1.Value': 'v',
  });
  await step('AddRoleToInstanceProfile', { InstanceProfileName, RoleName });
  await step('GetInstanceProfile', { InstanceProfileName });
  await step('ListInstanceProfiles', {});
  await step('ListInstanceProfilesForRole', { RoleName });
  await step('TagInstanceProfile', {
    InstanceProfileName,
    'Tags.member.1.Key': 'e',
    'Tags.member.1.Value': 'x',
  });
  await step('UntagInstanceProfile', { InstanceProfileName, 'TagKeys.member.1': 'e' });
  await step('ListInstanceProfileTags', { InstanceProfileName });
  await step('GetAccountAuthorizationDetails', { 'Filter.member.1': 'Role' });
  await step('ListEntitiesForPolicy', { PolicyArn: READ, EntityFilter: 'Role' });
  await step('RemoveRoleFromInstanceProfile', { InstanceProfileName, RoleName });
  await step('DeleteInstanceProfile', { InstanceProfileName });
  await step('DeleteRolePolicy', { RoleName, PolicyName: 's3' });
  await step('DetachRolePolicy', { RoleName, PolicyArn: READ });
  await step('DeleteRole', { RoleName });
  await step('CreateServiceLinkedRole', {
    AWSServiceName: 'autoscaling.amazonaws.com',
    Description: 'scaling',
    CustomSuffix: 'web',
  });
  const deleted = (await step('DeleteServiceLinkedRole', {
    RoleName: 'AWSServiceRoleForAutoScaling_web',
  })) as {
    DeletionTaskId: string;
  };
  await step('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId: deleted.DeletionTaskId });
  return results;
}
