/**
 * Helpers of the workloads end-to-end suites: a child Node process standing in for a workload
 * (no keys in its environment), and the seed's EC2-S3-Access role and instance profile.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'workload-identity.mjs');
/** An empty HOME: no ~/.aws files can lend the child credentials. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'warden-workload-home-'));

export interface ChildResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the workload fixture with ONLY `env` (plus PATH, an empty HOME and AWS_REGION): no
 * AWS_ACCESS_KEY_ID, no profile. It calls GetCallerIdentity through the default credential chain.
 */
export function runWorkload(stsEndpoint: string, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [FIXTURE, stsEndpoint],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: EMPTY_HOME,
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(EMPTY_HOME, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(EMPTY_HOME, 'credentials'),
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export const BUCKET = 'example-app-logs';

/** The seed's example: role EC2-S3-Access may put objects in one bucket; an instance profile holds it. */
export async function createEc2S3Access(iam: IAMClient): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: 'EC2-S3-Access', AssumeRolePolicyDocument: EC2_TRUST }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'EC2-S3-Access',
      PolicyName: 'PutLogs',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/*` }],
      }),
    }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'EC2-S3-Access' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'EC2-S3-Access', RoleName: 'EC2-S3-Access' }),
  );
}
