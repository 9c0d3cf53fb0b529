import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ACCOUNT_ID, iamClient, ROOT, startWarden, tempDataDir, type RunningWarden } from './harness.ts';
import { adminRequest } from './admin-client.ts';
import { createEc2S3Access, runWorkload } from './workload-kit.ts';

/**
 * `warden workload register` as an operator runs it (signing with the AWS credentials in its
 * environment), and a workload that keeps its identity across a server restart.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'warden.mjs');
const HOME = mkdtempSync(join(tmpdir(), 'warden-cli-home-'));

let warden: RunningWarden;
const data = tempDataDir();

before(async () => {
  warden = await startWarden({ dataDir: data.dir });
  const iam = iamClient(warden.endpoint);
  await createEc2S3Access(iam);
  iam.destroy();
});
after(async () => {
  await warden.stop();
  data.remove();
});

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME, AWS_CONFIG_FILE: join(HOME, 'none'), ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          stdout,
          stderr,
        });
      },
    );
  });
}

const rootEnv = () => ({ AWS_ACCESS_KEY_ID: ROOT.accessKeyId, AWS_SECRET_ACCESS_KEY: ROOT.secretAccessKey });

test('warden workload register prints the workload; the workload then acts as the role, also after a restart', async () => {
  const run = await cli(
    ['workload', 'register', '--instance-profile', 'EC2-S3-Access', '--endpoint-url', warden.endpoint],
    rootEnv(),
  );
  assert.equal(run.code, 0, run.stderr);
  const registered = JSON.parse(run.stdout) as { WorkloadId: string; ImdsEndpoint: string; Token: string };
  assert.match(registered.WorkloadId, /^i-[0-9a-f]{17}$/);
  const arn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/EC2-S3-Access/${registered.WorkloadId}`;
  const asWorkload = async () => {
    const child = await runWorkload(warden.endpoint, {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: registered.ImdsEndpoint,
    });
    assert.equal(child.code, 0, child.stderr);
    return (JSON.parse(child.stdout) as { Arn: string }).Arn;
  };
  assert.equal(await asWorkload(), arn);

  await warden.stop();
  warden = await startWarden({ dataDir: data.dir });
  assert.equal(await asWorkload(), arn, 'the IMDS listener is reopened on its port at start');
  const container = await runWorkload(warden.endpoint, {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${warden.endpoint}/v1/workload-credentials/${registered.WorkloadId}`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: registered.Token,
  });
  assert.equal(container.code, 0, container.stderr);
  assert.equal((JSON.parse(container.stdout) as { Arn: string }).Arn, arn);
});

test('warden workload register: usage errors, no credentials, and a refusal', async () => {
  const cases: [string[], Record<string, string>, number, RegExp][] = [
    [
      ['workload', 'register', '--endpoint-url', warden.endpoint],
      rootEnv(),
      2,
      /exactly one of --instance-profile and --role/,
    ],
    [['workload', 'nope'], rootEnv(), 2, /unknown subcommand 'nope'/],
    [['workload', 'deregister'], rootEnv(), 2, /--id i-\.\.\. is required/],
    [
      ['workload', 'register', '--role', 'EC2-S3-Access', '--endpoint-url', warden.endpoint],
      { AWS_EC2_METADATA_DISABLED: 'true' },
      1,
      /no AWS credentials found/,
    ],
    [
      ['workload', 'register', '--role', 'EC2-S3-Access', '--endpoint-url', warden.endpoint],
      { AWS_ACCESS_KEY_ID: ROOT.accessKeyId, AWS_SECRET_ACCESS_KEY: 'wrong-secret' },
      1,
      /SignatureDoesNotMatch/,
    ],
  ];
  for (const [args, env, code, stderr] of cases) {
    const run = await cli(args, env);
    assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, stderr);
  }
});

/** The AWS CLI (botocore) with no keys: only the metadata or container variables. */
function awsAsWorkload(
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'aws',
      ['sts', 'get-caller-identity', '--endpoint-url', warden.endpoint, '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          stdout,
          stderr,
        });
      },
    );
  });
}

test('the AWS CLI finds the credentials too, from IMDS and from the container endpoint', async () => {
  const registered = await adminRequest(warden.endpoint, ROOT, 'POST', '/admin/v1/workloads', {
    RoleName: 'EC2-S3-Access',
  });
  assert.equal(registered.status, 200, JSON.stringify(registered.body));
  const { WorkloadId, ImdsEndpoint, ContainerCredentialsFullUri, Token } = registered.body as Record<
    string,
    string
  >;
  const arn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/EC2-S3-Access/${WorkloadId}`;
  const cases: [string, Record<string, string>][] = [
    ['IMDS', { AWS_EC2_METADATA_SERVICE_ENDPOINT: ImdsEndpoint ?? '' }],
    [
      'container',
      {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: ContainerCredentialsFullUri ?? '',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: Token ?? '',
      },
    ],
  ];
  for (const [name, env] of cases) {
    const run = await awsAsWorkload(env);
    assert.equal(run.code, 0, `${name}: ${run.stderr}`);
    assert.equal((JSON.parse(run.stdout) as { Arn: string }).Arn, arn, name);
  }
});

test('warden workload list and deregister', async () => {
  const at = ['--endpoint-url', warden.endpoint];
  const listed = await cli(['workload', 'list', ...at], rootEnv());
  assert.equal(listed.code, 0, listed.stderr);
  const ids = (JSON.parse(listed.stdout) as { Workloads: { WorkloadId: string }[] }).Workloads.map(
    (w) => w.WorkloadId,
  );
  assert.ok(ids.length >= 2, listed.stdout);
  assert.doesNotMatch(listed.stdout, /wdnwl-/, 'no token is ever listed');
  const [first] = ids;
  const gone = await cli(['workload', 'deregister', '--id', first ?? '', ...at], rootEnv());
  assert.equal(gone.code, 0, gone.stderr);
  const again = await cli(['workload', 'deregister', '--id', first ?? '', ...at], rootEnv());
  assert.equal(again.code, 1);
  assert.match(again.stderr, /NoSuchEntity/);
  const remaining = await cli(['workload', 'list', ...at], rootEnv());
  assert.ok(!remaining.stdout.includes(first ?? '-'), remaining.stdout);
});
