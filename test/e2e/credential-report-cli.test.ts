import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertCliError, awsCli } from './aws-cli-kit.ts';
import { ACCOUNT_ID, startWarden, type RunningWarden } from './harness.ts';

/**
 * The credential report through the real AWS CLI, as the IAM User Guide shows it:
 * `aws iam generate-credential-report` until COMPLETE, then `aws iam get-credential-report`,
 * whose Content is the base64 of the CSV.
 */
let warden: RunningWarden;
const aws = awsCli(() => warden.endpoint);

before(async () => {
  warden = await startWarden();
});
after(() => warden.stop());

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

interface GenerateOutput {
  State: string;
  Description?: string;
}

interface GetOutput {
  Content: string;
  ReportFormat: string;
  GeneratedTime: string;
}

test('get-credential-report before any generation: ReportNotPresent, without a message (as AWS)', async () => {
  const result = await aws(['iam', 'get-credential-report']);
  // AWS's answer carries no message: the CLI prints "Unknown" for it (seen in prowler issue #272).
  assertCliError(result, 'ReportNotPresent', 'GetCredentialReport', /operation: Unknown$/m);
});

test("generate-credential-report: STARTED with AWS's description, then COMPLETE; get: the base64 CSV", async () => {
  await aws.json(['iam', 'create-user', '--user-name', 'cli-user']);
  const key = await aws.json<{ AccessKey: { AccessKeyId: string } }>([
    'iam',
    'create-access-key',
    '--user-name',
    'cli-user',
  ]);
  const first = await aws.json<GenerateOutput>(['iam', 'generate-credential-report']);
  assert.deepEqual(first, {
    State: 'STARTED',
    Description: 'No report exists. Starting a new report generation task',
  });
  let state = first.State;
  for (let i = 0; state !== 'COMPLETE' && i < 20; i++) {
    await sleep(200);
    state = (await aws.json<GenerateOutput>(['iam', 'generate-credential-report'])).State;
  }
  assert.equal(state, 'COMPLETE');

  const report = await aws.json<GetOutput>(['iam', 'get-credential-report']);
  assert.equal(report.ReportFormat, 'text/csv');
  assert.match(report.Content, /^[A-Za-z0-9+/]+=*$/, 'base64, as the CLI prints it');
  assert.ok(Math.abs(Date.parse(report.GeneratedTime) - Date.now()) < 60_000);
  const [header, root, user, ...rest] = Buffer.from(report.Content, 'base64').toString('utf8').split('\n');
  assert.equal(header, HEADER);
  assert.match(root ?? '', new RegExp(`^<root_account>,arn:aws:iam::${ACCOUNT_ID}:root,`));
  assert.deepEqual(rest, []);
  const fields = (user ?? '').split(',');
  assert.equal(fields.length, 22);
  assert.deepEqual(fields.slice(0, 2), ['cli-user', `arn:aws:iam::${ACCOUNT_ID}:user/cli-user`]);
  assert.deepEqual(fields.slice(3, 9), ['false', 'N/A', 'N/A', 'N/A', 'false', 'true']);
  assert.match(fields[9] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  assert.deepEqual(fields.slice(10), [
    'N/A',
    'N/A',
    'N/A',
    'false',
    'N/A',
    'N/A',
    'N/A',
    'N/A',
    'false',
    'N/A',
    'false',
    'N/A',
  ]);
  assert.ok(key.AccessKey.AccessKeyId.startsWith('AKIA'));
});

test('a user without the permissions is refused: AccessDenied', async () => {
  await aws.json(['iam', 'create-user', '--user-name', 'no-audit']);
  const { AccessKey } = await aws.json<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>([
    'iam',
    'create-access-key',
    '--user-name',
    'no-audit',
  ]);
  const user = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  const arn = `arn:aws:iam::${ACCOUNT_ID}:user/no-audit`;
  for (const [command, action] of [
    ['generate-credential-report', 'GenerateCredentialReport'],
    ['get-credential-report', 'GetCredentialReport'],
  ] as const) {
    assertCliError(
      await aws(['iam', command], user),
      'AccessDenied',
      action,
      new RegExp(`User: ${arn} is not authorized to perform: iam:${action} on resource: \\*`),
    );
  }
});
