/**
 * The AWS CLI's own role assumption (issue 5, "Tests"): a config profile with `role_arn` and
 * `source_profile`, and AWS_ENDPOINT_URL so that the CLI's AssumeRole reaches Warden too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { awsCliWithProfiles } from './aws-cli-kit.ts';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { ACCOUNT_ID, iamClient, startWarden, type Credentials, type RunningWarden } from './harness.ts';
import { userWithKey } from './sdk-kit.ts';

let warden: RunningWarden;
let dir: string;
let alice: Credentials;

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

before(async () => {
  warden = await startWarden();
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
  const iam = iamClient(warden.endpoint);
  alice = (await userWithKey(iam, 'alice')).credentials;
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'reader',
      AssumeRolePolicyDocument: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:user/alice` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'cli-ext' } },
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'reader',
      PolicyName: 'read',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }),
    }),
  );
  iam.destroy();
  writeFileSync(
    join(dir, 'credentials'),
    `[base]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
  );
  writeFileSync(
    join(dir, 'config'),
    [
      '[profile r]',
      `role_arn = arn:aws:iam::${ACCOUNT_ID}:role/reader`,
      'source_profile = base',
      'external_id = cli-ext',
      'role_session_name = cli-session',
      'region = us-east-1',
      '',
      '[profile wrong]',
      `role_arn = arn:aws:iam::${ACCOUNT_ID}:role/reader`,
      'source_profile = base',
      'region = us-east-1',
      '',
    ].join('\n'),
  );
});
after(async () => {
  await warden.stop();
  rmSync(dir, { recursive: true, force: true });
});

const aws = awsCliWithProfiles(
  () => warden.endpoint,
  () => dir,
);

test('a role_arn + source_profile profile: the CLI assumes the role at Warden and acts as it', async () => {
  const identity = await aws(['--profile', 'r', 'sts', 'get-caller-identity']);
  assert.equal(identity.code, 0, identity.stderr);
  const out = JSON.parse(identity.stdout) as { Arn: string; UserId: string; Account: string };
  assert.equal(out.Arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/reader/cli-session`);
  assert.match(out.UserId, /^AROA[A-Z2-7]{17}:cli-session$/);
  assert.equal(out.Account, ACCOUNT_ID);

  const users = await aws(['--profile', 'r', 'iam', 'list-users']);
  assert.equal(users.code, 0, users.stderr);
  const denied = await aws(['--profile', 'r', 'iam', 'list-groups']);
  assert.notEqual(denied.code, 0);
  assert.match(
    denied.stderr,
    new RegExp(
      `AccessDenied.*User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/reader/cli-session is not authorized to perform: iam:ListGroups`,
    ),
  );
});

test('without the ExternalId the trust policy refuses the CLI', async () => {
  const result = await aws(['--profile', 'wrong', 'sts', 'get-caller-identity']);
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /AccessDenied.*AssumeRole/s);
});

test('the CLI asks for temporary credentials itself: sts assume-role and get-session-token', async () => {
  const assumed = await aws([
    '--profile',
    'base',
    '--region',
    'us-east-1',
    'sts',
    'assume-role',
    '--role-arn',
    `arn:aws:iam::${ACCOUNT_ID}:role/reader`,
    '--role-session-name',
    'by-hand',
    '--external-id',
    'cli-ext',
    '--duration-seconds',
    '900',
  ]);
  assert.equal(assumed.code, 0, assumed.stderr);
  const out = JSON.parse(assumed.stdout) as {
    Credentials: { AccessKeyId: string; Expiration: string };
    AssumedRoleUser: { Arn: string };
  };
  assert.match(out.Credentials.AccessKeyId, /^ASIA/);
  assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/reader/by-hand`);
  const token = await aws(['--profile', 'base', '--region', 'us-east-1', 'sts', 'get-session-token']);
  assert.equal(token.code, 0, token.stderr);
  assert.match(
    (JSON.parse(token.stdout) as { Credentials: { AccessKeyId: string } }).Credentials.AccessKeyId,
    /^ASIA/,
  );
});
