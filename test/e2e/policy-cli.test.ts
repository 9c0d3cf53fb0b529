/**
 * Issue 4's scenario with the real AWS CLI, as a user would type it: a policy from a file://
 * document, attached to a user, one call allowed and one denied with AWS's message on stderr,
 * the document printed back as JSON, and the simulator asked from the command line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { awsCli } from './aws-cli-kit.ts';
import { ACCOUNT_ID, startWarden, type Credentials, type RunningWarden } from './harness.ts';

let warden: RunningWarden;
const aws = awsCli(() => warden.endpoint);
const awsJson = aws.json;
let dir: string;

before(async () => {
  warden = await startWarden();
  dir = mkdtempSync(join(tmpdir(), 'warden-policy-cli-'));
});
after(async () => {
  await warden.stop();
  rmSync(dir, { recursive: true, force: true });
});

const policyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ReadUsers', Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'], Resource: '*' },
    {
      Sid: 'FromHere',
      Effect: 'Allow',
      Action: 'iam:ListGroups',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } },
    },
  ],
};
const POLICY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/cli/ReadUsers`;
let key: Credentials;

test('create-policy from a file:// document, attach-user-policy, and the user can do what it allows', async () => {
  const file = join(dir, 'read-users.json');
  writeFileSync(file, JSON.stringify(policyDocument, null, 2));
  const created = await awsJson<{
    Policy: { Arn: string; DefaultVersionId: string; AttachmentCount: number };
  }>([
    'iam',
    'create-policy',
    '--policy-name',
    'ReadUsers',
    '--path',
    '/cli/',
    '--policy-document',
    `file://${file}`,
  ]);
  assert.equal(created.Policy.Arn, POLICY_ARN);
  assert.equal(created.Policy.DefaultVersionId, 'v1');

  await awsJson(['iam', 'create-user', '--user-name', 'cli-user']);
  const attached = await aws([
    'iam',
    'attach-user-policy',
    '--user-name',
    'cli-user',
    '--policy-arn',
    POLICY_ARN,
  ]);
  assert.equal(attached.code, 0, attached.stderr);
  assert.equal(attached.stdout, '', 'attach-user-policy prints nothing');
  const made = await awsJson<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>([
    'iam',
    'create-access-key',
    '--user-name',
    'cli-user',
  ]);
  key = { accessKeyId: made.AccessKey.AccessKeyId, secretAccessKey: made.AccessKey.SecretAccessKey };

  const listed = await awsJson<{ AttachedPolicies: { PolicyName: string; PolicyArn: string }[] }>([
    'iam',
    'list-attached-user-policies',
    '--user-name',
    'cli-user',
  ]);
  assert.deepEqual(listed.AttachedPolicies, [{ PolicyName: 'ReadUsers', PolicyArn: POLICY_ARN }]);

  const users = await awsJson<{ Users: { UserName: string }[] }>(['iam', 'list-users'], key);
  assert.deepEqual(
    users.Users.map((u) => u.UserName),
    ['cli-user'],
  );
  const groups = await awsJson<{ Groups: unknown[] }>(['iam', 'list-groups'], key);
  assert.deepEqual(groups.Groups, []);
});

test('a denied call exits non-zero with AccessDenied and AWS message on stderr', async () => {
  const denied = await aws(['iam', 'create-user', '--user-name', 'X'], key);
  assert.notEqual(denied.code, 0);
  assert.equal(denied.stdout, '');
  assert.equal(
    denied.stderr.trim(),
    'An error occurred (AccessDenied) when calling the CreateUser operation: ' +
      `User: arn:aws:iam::${ACCOUNT_ID}:user/cli-user is not authorized to perform: iam:CreateUser ` +
      `on resource: arn:aws:iam::${ACCOUNT_ID}:user/X because no identity-based policy allows the iam:CreateUser action`,
  );
  const detach = await aws(
    ['iam', 'detach-user-policy', '--user-name', 'cli-user', '--policy-arn', POLICY_ARN],
    key,
  );
  assert.match(
    detach.stderr,
    /\(AccessDenied\) when calling the DetachUserPolicy operation: .* iam:DetachUserPolicy on resource: arn:aws:iam::123456789012:user\/cli-user because/,
  );
});

test('get-policy-version prints the document as JSON, not URL-encoded text', async () => {
  const version = await awsJson<{
    PolicyVersion: { Document: unknown; VersionId: string; IsDefaultVersion: boolean };
  }>(['iam', 'get-policy-version', '--policy-arn', POLICY_ARN, '--version-id', 'v1']);
  assert.deepEqual(version.PolicyVersion.Document, policyDocument);
  assert.equal(version.PolicyVersion.IsDefaultVersion, true);
});

test('a new default version (inline JSON argument) switches what the CLI user may do at once', async () => {
  const v2 = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'iam:ListGroups', Resource: '*' }],
  });
  const created = await awsJson<{ PolicyVersion: { VersionId: string; IsDefaultVersion: boolean } }>([
    'iam',
    'create-policy-version',
    '--policy-arn',
    POLICY_ARN,
    '--policy-document',
    v2,
    '--set-as-default',
  ]);
  assert.equal(created.PolicyVersion.VersionId, 'v2');
  assert.equal(created.PolicyVersion.IsDefaultVersion, true);
  const denied = await aws(['iam', 'list-users'], key);
  assert.match(
    denied.stderr,
    /\(AccessDenied\) when calling the ListUsers operation: .*iam:ListUsers on resource: arn:aws:iam::123456789012:user\/ because no identity-based policy allows/,
  );
  await awsJson(['iam', 'list-groups'], key);
});

test('simulate-principal-policy and get-context-keys-for-principal-policy from the CLI', async () => {
  const simulated = await awsJson<{ EvaluationResults: { EvalActionName: string; EvalDecision: string }[] }>([
    'iam',
    'simulate-principal-policy',
    '--policy-source-arn',
    `arn:aws:iam::${ACCOUNT_ID}:user/cli-user`,
    '--action-names',
    'iam:ListGroups',
    'iam:ListUsers',
  ]);
  assert.deepEqual(
    simulated.EvaluationResults.map((r) => [r.EvalActionName, r.EvalDecision]),
    [
      ['iam:ListGroups', 'allowed'],
      ['iam:ListUsers', 'implicitDeny'],
    ],
  );
  const setDefault = await aws([
    'iam',
    'set-default-policy-version',
    '--policy-arn',
    POLICY_ARN,
    '--version-id',
    'v1',
  ]);
  assert.equal(setDefault.code, 0, setDefault.stderr);
  const keys = await awsJson<{ ContextKeyNames: string[] }>([
    'iam',
    'get-context-keys-for-principal-policy',
    '--policy-source-arn',
    `arn:aws:iam::${ACCOUNT_ID}:user/cli-user`,
  ]);
  assert.deepEqual(
    keys.ContextKeyNames.map((k) => k.toLowerCase()),
    ['aws:sourceip'],
  );
  const custom = await awsJson<{
    EvaluationResults: { EvalDecision: string; MissingContextValues: string[] }[];
  }>([
    'iam',
    'simulate-custom-policy',
    '--policy-input-list',
    JSON.stringify(policyDocument),
    '--action-names',
    'iam:ListGroups',
    '--context-entries',
    'ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.9,ContextKeyType=ip',
  ]);
  assert.equal(custom.EvaluationResults[0]?.EvalDecision, 'implicitDeny');
  // Back on v1, the user lists users again (and the CLI key still works).
  await awsJson(['iam', 'list-users'], key);
});

test('put-user-policy from a file and get-user-policy printing it back as JSON; the grant applies at once', async () => {
  const inline = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Mine',
        Effect: 'Allow',
        Action: 'iam:ListAccessKeys',
        Resource: 'arn:aws:iam::*:user/${aws:username}',
      },
    ],
  };
  const file = join(dir, 'inline.json');
  writeFileSync(file, JSON.stringify(inline));
  const denied = await aws(['iam', 'list-access-keys'], key);
  assert.match(denied.stderr, /\(AccessDenied\) when calling the ListAccessKeys operation/);
  const put = await aws([
    'iam',
    'put-user-policy',
    '--user-name',
    'cli-user',
    '--policy-name',
    'SelfRead',
    '--policy-document',
    `file://${file}`,
  ]);
  assert.equal(put.code, 0, put.stderr);
  const got = await awsJson<{ UserName: string; PolicyName: string; PolicyDocument: unknown }>([
    'iam',
    'get-user-policy',
    '--user-name',
    'cli-user',
    '--policy-name',
    'SelfRead',
  ]);
  assert.deepEqual(got, { UserName: 'cli-user', PolicyName: 'SelfRead', PolicyDocument: inline });
  const keys = await awsJson<{ AccessKeyMetadata: { AccessKeyId: string }[] }>(
    ['iam', 'list-access-keys'],
    key,
  );
  assert.deepEqual(
    keys.AccessKeyMetadata.map((k) => k.AccessKeyId),
    [key.accessKeyId],
  );
});
