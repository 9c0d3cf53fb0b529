/**
 * Roles and instance profiles with the real AWS CLI, as a user would type them: the seed's
 * EC2-S3-Access role from a file:// trust policy (printed back as JSON, which means the CLI
 * decoded the URL-encoded document), its inline policy, its instance profile, the error text on
 * stderr, and the role's removal in the order AWS demands.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { ACCOUNT_ID, ROOT, startWarden, type RunningWarden } from './harness.ts';

const run = promisify(execFile);
let warden: RunningWarden;
let dir: string;

before(async () => {
  warden = await startWarden();
  dir = mkdtempSync(join(tmpdir(), 'warden-roles-cli-'));
});
after(async () => {
  await warden.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function aws(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    AWS_ACCESS_KEY_ID: ROOT.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
  try {
    const { stdout, stderr } = await run(
      'aws',
      ['--endpoint-url', warden.endpoint, '--output', 'json', ...args],
      {
        env,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function awsJson<T>(args: string[]): Promise<T> {
  const result = await aws(args);
  assert.equal(result.code, 0, `aws ${args.join(' ')} failed: ${result.stderr}`);
  return (result.stdout.trim() === '' ? {} : JSON.parse(result.stdout)) as T;
}

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
