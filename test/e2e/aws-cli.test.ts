import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { awsCli, assertCliError } from './aws-cli-kit.ts';
import { ACCOUNT_ID, iamClient, startWarden, type RunningWarden } from './harness.ts';

/**
 * The scenario of the foundation issue, driven by the real AWS CLI (`aws` on PATH: the machine's
 * CLI v1 or Debian's CLI v2) exactly as a user would type it.
 */
let warden: RunningWarden;
const aws = awsCli(() => warden.endpoint);
const awsJson = aws.json;

before(async () => {
  warden = await startWarden();
});
after(async () => {
  await warden.stop();
});

test('a user, a group, membership, an access key, and GetCallerIdentity with that key', async () => {
  const created = await awsJson<{ User: { UserName: string; Arn: string; UserId: string } }>([
    'iam',
    'create-user',
    '--user-name',
    'alice',
    '--path',
    '/eng/',
  ]);
  assert.equal(created.User.Arn, `arn:aws:iam::${ACCOUNT_ID}:user/eng/alice`);
  assert.match(created.User.UserId, /^AIDA[A-Z2-7]{17}$/);

  await awsJson(['iam', 'create-group', '--group-name', 'developers']);
  const added = await aws(['iam', 'add-user-to-group', '--group-name', 'developers', '--user-name', 'alice']);
  assert.equal(added.code, 0, added.stderr);
  const group = await awsJson<{ Users: { UserName: string }[] }>([
    'iam',
    'get-group',
    '--group-name',
    'developers',
  ]);
  assert.deepEqual(
    group.Users.map((u) => u.UserName),
    ['alice'],
  );
  const groups = await awsJson<{ Groups: { GroupName: string }[] }>([
    'iam',
    'list-groups-for-user',
    '--user-name',
    'alice',
  ]);
  assert.deepEqual(
    groups.Groups.map((g) => g.GroupName),
    ['developers'],
  );

  const key = await awsJson<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string; Status: string } }>([
    'iam',
    'create-access-key',
    '--user-name',
    'alice',
  ]);
  assert.equal(key.AccessKey.Status, 'Active');
  const identity = await awsJson<{ Arn: string; Account: string; UserId: string }>(
    ['sts', 'get-caller-identity'],
    {
      accessKeyId: key.AccessKey.AccessKeyId,
      secretAccessKey: key.AccessKey.SecretAccessKey,
    },
  );
  assert.deepEqual(identity, { UserId: created.User.UserId, Account: ACCOUNT_ID, Arn: created.User.Arn });
});

test('the errors a user meets: NoSuchEntity, EntityAlreadyExists, ValidationError, DeleteConflict, LimitExceeded', async () => {
  assertCliError(
    await aws(['iam', 'get-user', '--user-name', 'nobody']),
    'NoSuchEntity',
    'GetUser',
    /nobody/,
  );

  await awsJson(['iam', 'create-user', '--user-name', 'Bob']);
  assertCliError(
    await aws(['iam', 'create-user', '--user-name', 'BOB']),
    'EntityAlreadyExists',
    'CreateUser',
    /BOB/,
  );
  assertCliError(
    await aws(['iam', 'create-user', '--user-name', 'bad name!']),
    'ValidationError',
    'CreateUser',
  );

  await awsJson(['iam', 'create-access-key', '--user-name', 'Bob']);
  await awsJson(['iam', 'create-access-key', '--user-name', 'Bob']);
  assertCliError(
    await aws(['iam', 'create-access-key', '--user-name', 'Bob']),
    'LimitExceeded',
    'CreateAccessKey',
    /Cannot exceed quota for AccessKeysPerUser: 2/,
  );
  assertCliError(await aws(['iam', 'delete-user', '--user-name', 'Bob']), 'DeleteConflict', 'DeleteUser');
});

test('250 users paginate with --max-items and --page-size', async () => {
  // Created through the SDK: 250 CLI processes would take minutes; the listing is what the CLI tests.
  const iam = iamClient(warden.endpoint);
  for (let i = 0; i < 250; i += 25) {
    await Promise.all(
      Array.from({ length: 25 }, (_, j) =>
        iam.send(
          new CreateUserCommand({ UserName: `page-${String(i + j).padStart(3, '0')}`, Path: '/paged/' }),
        ),
      ),
    );
  }
  const all = await awsJson<{ Users: { UserName: string }[] }>([
    'iam',
    'list-users',
    '--path-prefix',
    '/paged/',
  ]);
  assert.equal(all.Users.length, 250, 'the CLI follows the markers to the end');

  const first = await awsJson<{ Users: { UserName: string }[]; NextToken: string }>([
    'iam',
    'list-users',
    '--path-prefix',
    '/paged/',
    '--max-items',
    '100',
    '--page-size',
    '30',
  ]);
  assert.equal(first.Users.length, 100);
  assert.equal(first.Users[0]?.UserName, 'page-000');
  const rest = await awsJson<{ Users: { UserName: string }[]; NextToken?: string }>([
    'iam',
    'list-users',
    '--path-prefix',
    '/paged/',
    '--max-items',
    '200',
    '--starting-token',
    first.NextToken,
  ]);
  assert.equal(rest.Users.length, 150);
  assert.equal(rest.NextToken, undefined);
  const names = [...first.Users, ...rest.Users].map((u) => u.UserName);
  assert.equal(new Set(names).size, 250, 'no user is listed twice');
  assert.deepEqual(names, [...names].sort());
});
