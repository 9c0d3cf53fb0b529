/**
 * Roles and instance profiles with the real AWS CLI, as a user would type them: the seed's
 * EC2-S3-Access role from a file:// trust policy (printed back as JSON, which means the CLI
 * decoded the URL-encoded document), its inline policy, its instance profile, the error text on
 * stderr, and the role's removal in the order AWS demands.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { awsCli } from './aws-cli-kit.ts';
import { ACCOUNT_ID, startWarden, type RunningWarden } from './harness.ts';

let warden: RunningWarden;
const aws = awsCli(() => warden.endpoint);
const awsJson = aws.json;
let dir: string;

before(async () => {
  warden = await startWarden();
  dir = mkdtempSync(join(tmpdir(), 'warden-roles-cli-'));
});
after(async () => {
  await warden.stop();
  rmSync(dir, { recursive: true, force: true });
});

const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const putLogs = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::app-logs/*' }],
};

interface CliRole {
  RoleName: string;
  Arn: string;
  AssumeRolePolicyDocument: unknown;
  MaxSessionDuration: number;
}

test('the EC2-S3-Access role, its policy and its instance profile from the command line', async () => {
  const trustFile = join(dir, 'trust.json');
  writeFileSync(trustFile, JSON.stringify(trust, null, 2));
  const created = await awsJson<{ Role: CliRole }>([
    'iam',
    'create-role',
    '--role-name',
    'EC2-S3-Access',
    '--assume-role-policy-document',
    `file://${trustFile}`,
    '--max-session-duration',
    '7200',
  ]);
  assert.equal(created.Role.Arn, `arn:aws:iam::${ACCOUNT_ID}:role/EC2-S3-Access`);
  assert.deepEqual(created.Role.AssumeRolePolicyDocument, trust);

  await awsJson([
    'iam',
    'put-role-policy',
    '--role-name',
    'EC2-S3-Access',
    '--policy-name',
    'logs',
    '--policy-document',
    JSON.stringify(putLogs),
  ]);
  const policy = await awsJson<{ PolicyDocument: unknown }>([
    'iam',
    'get-role-policy',
    '--role-name',
    'EC2-S3-Access',
    '--policy-name',
    'logs',
  ]);
  assert.deepEqual(policy.PolicyDocument, putLogs);

  await awsJson(['iam', 'create-instance-profile', '--instance-profile-name', 'EC2-S3-Access']);
  await awsJson([
    'iam',
    'add-role-to-instance-profile',
    '--instance-profile-name',
    'EC2-S3-Access',
    '--role-name',
    'EC2-S3-Access',
  ]);
  const profiles = await awsJson<{ InstanceProfiles: { InstanceProfileName: string; Roles: CliRole[] }[] }>([
    'iam',
    'list-instance-profiles-for-role',
    '--role-name',
    'EC2-S3-Access',
  ]);
  assert.deepEqual(
    profiles.InstanceProfiles.map((p) => [p.InstanceProfileName, p.Roles[0]?.MaxSessionDuration]),
    [['EC2-S3-Access', 7200]],
  );

  const refused = await aws(['iam', 'delete-role', '--role-name', 'EC2-S3-Access']);
  assert.notEqual(refused.code, 0);
  assert.match(
    refused.stderr,
    /An error occurred \(DeleteConflict\) when calling the DeleteRole operation: Cannot delete entity, must remove roles from instance profile first\./,
  );

  await awsJson([
    'iam',
    'remove-role-from-instance-profile',
    '--instance-profile-name',
    'EC2-S3-Access',
    '--role-name',
    'EC2-S3-Access',
  ]);
  await awsJson(['iam', 'delete-instance-profile', '--instance-profile-name', 'EC2-S3-Access']);
  await awsJson(['iam', 'delete-role-policy', '--role-name', 'EC2-S3-Access', '--policy-name', 'logs']);
  await awsJson(['iam', 'delete-role', '--role-name', 'EC2-S3-Access']);
  const roles = await awsJson<{ Roles: CliRole[] }>(['iam', 'list-roles']);
  assert.deepEqual(roles.Roles, []);
});
