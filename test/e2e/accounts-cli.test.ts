/**
 * Several accounts from the command line (issue 5, "Several accounts" and "Tests"): an operator
 * runs `warden account create` on the data directory while the server runs; the running server
 * serves the new account at once. The real AWS CLI then assumes a role of that account from the
 * first with a `role_arn` + `source_profile` profile (AWS_ENDPOINT_URL sends its own AssumeRole to
 * Warden), is refused without its own permission, and acts in the other account.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { awsCliWithProfiles } from './aws-cli-kit.ts';
import {
  CreateRoleCommand,
  ListAccountAliasesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  ACCOUNT_ID,
  iamClient,
  startWarden,
  stsClient,
  type Credentials,
  type RunningWarden,
} from './harness.ts';
import { userWithKey } from './sdk-kit.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'warden.mjs');
const OTHER = '210987654321';
const ROLE = `arn:aws:iam::${OTHER}:role/auditor`;
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

let warden: RunningWarden;
let dir: string;
let created: { stdout: string; root: Credentials };

/** `warden account create ...` on the running server's data directory. */
async function wardenAccountCreate(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WARDEN_DATA_DIR: warden.dataDir };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'account', 'create', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const aws = awsCliWithProfiles(
  () => warden.endpoint,
  () => dir,
);

const line = (text: string, name: string): string => {
  const match = new RegExp(`${name}=(\\S+)`).exec(text);
  assert.ok(match?.[1], `${name} in:\n${text}`);
  return match[1];
};

before(async () => {
  warden = await startWarden();
  dir = mkdtempSync(join(tmpdir(), 'warden-accounts-cli-'));
  const made = await wardenAccountCreate('--id', OTHER, '--alias', 'audit-team');
  assert.equal(made.code, 0, made.stderr);
  created = {
    stdout: made.stdout,
    root: {
      accessKeyId: line(made.stdout, 'AWS_ACCESS_KEY_ID'),
      secretAccessKey: line(made.stdout, 'AWS_SECRET_ACCESS_KEY'),
    },
  };
  const first = iamClient(warden.endpoint);
  const alice = (await userWithKey(first, 'alice')).credentials;
  const bob = (await userWithKey(first, 'bob')).credentials;
  await first.send(
    new PutUserPolicyCommand({
      UserName: 'alice',
      PolicyName: 'assume',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE }),
    }),
  );
  first.destroy();
  const other = iamClient(warden.endpoint, created.root);
  await other.send(
    new CreateRoleCommand({
      RoleName: 'auditor',
      AssumeRolePolicyDocument: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
        Action: 'sts:AssumeRole',
      }),
    }),
  );
  await other.send(
    new PutRolePolicyCommand({
      RoleName: 'auditor',
      PolicyName: 'read',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }),
    }),
  );
  other.destroy();
  const profile = (name: string, c: Credentials) =>
    `[${name}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\n`;
  writeFileSync(join(dir, 'credentials'), profile('alice', alice) + profile('bob', bob));
  // Each its own session name: the CLI caches assumed credentials by role and session name.
  const crossProfile = (name: string, source: string) => [
    `[profile ${name}]`,
    `role_arn = ${ROLE}`,
    `source_profile = ${source}`,
    `role_session_name = cli-${source}`,
    'region = us-east-1',
    '',
  ];
  writeFileSync(
    join(dir, 'config'),
    [
      ...crossProfile('audit', 'alice'),
      ...crossProfile('audit-bob', 'bob'),
      '[profile alice]',
      'region = us-east-1',
      '',
    ].join('\n'),
  );
});
after(async () => {
  await warden.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('`warden account create` prints the new account, its root key and console sign-in once', () => {
  assert.match(created.stdout, new RegExp(`Created account ${OTHER} \\(alias audit-team\\)`));
  assert.match(created.root.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.match(created.stdout, new RegExp(`email: +root@${OTHER}\\.warden\\.invalid`));
  assert.match(created.stdout, /password: +\S{20,}/);
});

test('the same id or alias again is refused', async () => {
  const again = await wardenAccountCreate('--id', OTHER);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, new RegExp(`The account ${OTHER} already exists`));
  const alias = await wardenAccountCreate('--alias', 'audit-team');
  assert.notEqual(alias.code, 0);
  assert.match(alias.stderr, /The account alias audit-team already exists/);
});

test('the running server serves the new account: its root acts there', async () => {
  const iam = iamClient(warden.endpoint, created.root);
  const sts = stsClient(warden.endpoint, created.root);
  try {
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, ['audit-team']);
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${OTHER}:root`);
  } finally {
    iam.destroy();
    sts.destroy();
  }
});

test("a role_arn + source_profile profile assumes the other account's role and acts there", async () => {
  const who = await aws(['sts', 'get-caller-identity', '--profile', 'audit']);
  assert.equal(who.code, 0, who.stderr);
  const identity = JSON.parse(who.stdout) as { Account: string; Arn: string };
  assert.equal(identity.Account, OTHER);
  assert.equal(identity.Arn, `arn:aws:sts::${OTHER}:assumed-role/auditor/cli-alice`);
  const roles = await aws(['iam', 'list-roles', '--profile', 'audit']);
  assert.equal(roles.code, 0, roles.stderr);
  assert.deepEqual(
    (JSON.parse(roles.stdout) as { Roles: { Arn: string }[] }).Roles.map((r) => r.Arn),
    [ROLE],
  );
  const aliases = await aws(['iam', 'list-account-aliases', '--profile', 'audit']);
  assert.notEqual(aliases.code, 0, 'the role may not do that');
  assert.match(aliases.stderr, /assumed-role\/auditor\/cli-alice is not authorized/);
});

test("without its own sts:AssumeRole the CLI's AssumeRole is refused, though the trust names its account", async () => {
  const refused = await aws(['sts', 'get-caller-identity', '--profile', 'audit-bob']);
  assert.notEqual(refused.code, 0);
  assert.match(
    refused.stderr,
    new RegExp(
      `An error occurred \\(AccessDenied\\) when calling the AssumeRole operation: User: arn:aws:iam::${ACCOUNT_ID}:user/bob is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
    ),
  );
});
