/**
 * A trust policy names users and roles by their unique ids, as AWS stores it: deleting a trusted
 * user or role and creating another under the same name does not hand the trust to the newcomer
 * (issue 5, security). Through the real AWS SDK against a real `warden serve`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateRoleCommand,
  DeleteAccessKeyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetRoleCommand,
  ListRolesCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { stsClient, type Credentials } from './harness.ts';
import { ACCOUNT_ID, expectError, startSuite, stopSuite, userWithKey, type Suite } from './sdk-kit.ts';

const ALICE_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/team/alice`;
const BUILDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/builder`;
const trust = (...principals: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }],
  });

let suite: Suite;
before(async () => {
  suite = await startSuite();
});
after(() => stopSuite(suite));

const assume = (as: Credentials, roleName: string) =>
  stsClient(suite.warden.endpoint, as).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${roleName}`,
      RoleSessionName: 'session',
    }),
  );

async function deleteUser(name: string, accessKeyId: string): Promise<void> {
  await suite.iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: accessKeyId }));
  await suite.iam.send(new DeleteUserCommand({ UserName: name }));
}

async function shownTrust(roleName: string): Promise<unknown> {
  const role = await suite.iam.send(new GetRoleCommand({ RoleName: roleName }));
  return JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? ''));
}

test('a user deleted and created again under the same name does not inherit the trust', async () => {
  const first = await userWithKey(suite.iam, 'alice', '/team/');
  const firstId = first.user.UserId ?? '';
  await suite.iam.send(
    new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: trust(ALICE_ARN) }),
  );
  await assume(first.credentials, 'deploy');
  assert.deepEqual(await shownTrust('deploy'), JSON.parse(trust(ALICE_ARN)), 'shown with the ARN');

  await deleteUser('alice', first.credentials.accessKeyId);
  assert.deepEqual(await shownTrust('deploy'), JSON.parse(trust(firstId)), 'the bare id once alice is gone');
  const second = await userWithKey(suite.iam, 'alice', '/team/');
  assert.notEqual(second.user.UserId, firstId);
  assert.deepEqual(await shownTrust('deploy'), JSON.parse(trust(firstId)), 'still the old id');
  await expectError(assume(second.credentials, 'deploy'), {
    name: 'AccessDenied',
    status: 403,
    message: new RegExp(`${ALICE_ARN} is not authorized to perform: sts:AssumeRole`),
  });

  // Saving the policy again binds the ARN to the new alice, as on AWS.
  await suite.iam.send(
    new UpdateAssumeRolePolicyCommand({ RoleName: 'deploy', PolicyDocument: trust(ALICE_ARN) }),
  );
  await assume(second.credentials, 'deploy');
  assert.deepEqual(await shownTrust('deploy'), JSON.parse(trust(ALICE_ARN)));
});

test('a trusted role is bound by id too, and every listing shows the same trust policy', async () => {
  await suite.iam.send(
    new CreateRoleCommand({
      RoleName: 'builder',
      AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT_ID}:root`),
    }),
  );
  const builderId =
    (await suite.iam.send(new GetRoleCommand({ RoleName: 'builder' }))).Role?.RoleId ?? assert.fail('no id');
  await suite.iam.send(
    new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: trust(BUILDER_ARN) }),
  );
  await suite.iam.send(new DeleteRoleCommand({ RoleName: 'builder' }));
  await suite.iam.send(
    new CreateRoleCommand({
      RoleName: 'builder',
      AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT_ID}:root`),
    }),
  );

  const expected = JSON.parse(trust(builderId)) as unknown;
  assert.deepEqual(await shownTrust('target'), expected);
  const listed = (await suite.iam.send(new ListRolesCommand({}))).Roles?.find((r) => r.RoleName === 'target');
  assert.deepEqual(JSON.parse(decodeURIComponent(listed?.AssumeRolePolicyDocument ?? '')), expected);
  const details = await suite.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
  const detail = details.RoleDetailList?.find((r) => r.RoleName === 'target');
  assert.deepEqual(JSON.parse(decodeURIComponent(detail?.AssumeRolePolicyDocument ?? '')), expected);
});
