/**
 * Compiled policies are cached per principal (issue 4): every change that feeds a decision is
 * visible on the very next request, whoever made it and wherever it sits (a group's policy, a
 * shared managed policy's version, the boundary's version, a rename), and decisions survive a
 * restart of the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { iamClient, startWarden, type RunningWarden } from './harness.ts';
import { expectError, groupArn, startSuite, stopSuite, userArn, type Suite } from './sdk-kit.ts';
import {
  ADMIN,
  allow,
  attachToGroup,
  createPolicy,
  deny,
  destroyCallers,
  doc,
  expectDenied,
  expectOk,
  newCaller,
  putInline,
  type Caller,
} from './policy-kit.ts';

let suite: Suite | undefined;
const s = (): Suite => {
  assert.ok(suite !== undefined, 'server started');
  return suite;
};
const root = () => s().iam;
let extraServer: RunningWarden | undefined;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
  await extraServer?.stop();
});

const listUsers = (c: Caller) => c.iam.send(new ListUsersCommand({}));
const listGroups = (c: Caller) => c.iam.send(new ListGroupsCommand({}));
const deniedListUsers = (c: Caller, reason: Parameters<typeof expectDenied>[4] = 'no-identity') =>
  expectDenied(listUsers(c), c, 'iam:ListUsers', userArn(''), reason);

describe('group policies', () => {
  it('PutGroupPolicy replacing and DeleteGroupPolicy removing are seen by members at once', async () => {
    const c = await newCaller(s(), 'fresh-member');
    await root().send(new CreateGroupCommand({ GroupName: 'fresh-group' }));
    await root().send(new AddUserToGroupCommand({ GroupName: 'fresh-group', UserName: c.name }));
    const put = (document: string) =>
      root().send(
        new PutGroupPolicyCommand({ GroupName: 'fresh-group', PolicyName: 'g', PolicyDocument: document }),
      );
    await deniedListUsers(c);
    await put(doc(allow('iam:ListUsers')));
    await expectOk(listUsers(c));
    await put(doc(allow('iam:ListGroups')));
    await deniedListUsers(c);
    await expectOk(listGroups(c));
    await root().send(new DeleteGroupPolicyCommand({ GroupName: 'fresh-group', PolicyName: 'g' }));
    await expectDenied(listGroups(c), c, 'iam:ListGroups', groupArn(''));
  });

  it('a renamed group still applies its policies to its members', async () => {
    const c = await newCaller(s(), 'renamed-group-member');
    await root().send(new CreateGroupCommand({ GroupName: 'before-rename' }));
    await attachToGroup(root(), 'before-rename', 'RenamedGroupPolicy', doc(allow('iam:ListUsers')));
    await root().send(new AddUserToGroupCommand({ GroupName: 'before-rename', UserName: c.name }));
    await expectOk(listUsers(c));
    await root().send(new UpdateGroupCommand({ GroupName: 'before-rename', NewGroupName: 'after-rename' }));
    await expectOk(listUsers(c));
    await root().send(new RemoveUserFromGroupCommand({ GroupName: 'after-rename', UserName: c.name }));
    await deniedListUsers(c);
  });
});

describe('managed policy versions', () => {
  it('a new default version of a policy shared by a user and a group reaches every holder at once', async () => {
    const direct = await newCaller(s(), 'holder-direct');
    const viaGroup = await newCaller(s(), 'holder-group');
    await root().send(new CreateGroupCommand({ GroupName: 'holders' }));
    await root().send(new AddUserToGroupCommand({ GroupName: 'holders', UserName: viaGroup.name }));
    const arn = await createPolicy(root(), 'Shared', doc(allow('iam:ListUsers')));
    await root().send(new AttachUserPolicyCommand({ UserName: direct.name, PolicyArn: arn }));
    await root().send(new AttachGroupPolicyCommand({ GroupName: 'holders', PolicyArn: arn }));
    for (const c of [direct, viaGroup]) await expectOk(listUsers(c));

    await root().send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: doc(allow('iam:ListGroups')),
        SetAsDefault: true,
      }),
    );
    for (const c of [direct, viaGroup]) {
      await deniedListUsers(c);
      await expectOk(listGroups(c));
    }
    await root().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    for (const c of [direct, viaGroup]) {
      await expectOk(listUsers(c));
      await expectDenied(listGroups(c), c, 'iam:ListGroups', groupArn(''));
    }
  });

  it('a new default version of the boundary policy tightens or loosens the boundary at once', async () => {
    const boundary = await createPolicy(root(), 'MovingBoundary', doc(allow('iam:ListUsers')));
    const c = await newCaller(s(), 'moving-bounded', { boundary });
    await root().send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: ADMIN }));
    await expectOk(listUsers(c));
    await expectDenied(listGroups(c), c, 'iam:ListGroups', groupArn(''), 'no-boundary');
    await root().send(
      new CreatePolicyVersionCommand({
        PolicyArn: boundary,
        PolicyDocument: doc(allow(['iam:ListUsers', 'iam:ListGroups']), deny('iam:ListUsers')),
        SetAsDefault: true,
      }),
    );
    await expectOk(listGroups(c));
    await deniedListUsers(c, 'explicit-boundary');
  });
});

describe('boundaries', () => {
  it('PutUserPermissionsBoundary and DeleteUserPermissionsBoundary by root take effect at once', async () => {
    const c = await newCaller(s(), 'boundary-flip');
    await root().send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: ADMIN }));
    await expectOk(listGroups(c));
    const readUsers = await createPolicy(root(), 'ReadUsersBoundary', doc(allow('iam:ListUsers')));
    await root().send(
      new PutUserPermissionsBoundaryCommand({ UserName: c.name, PermissionsBoundary: readUsers }),
    );
    await expectDenied(listGroups(c), c, 'iam:ListGroups', groupArn(''), 'no-boundary');
    // An AWS managed policy as the boundary.
    await root().send(
      new PutUserPermissionsBoundaryCommand({
        UserName: c.name,
        PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      }),
    );
    await expectOk(listGroups(c));
    await expectDenied(
      c.iam.send(new CreateUserCommand({ UserName: 'flip-made' })),
      c,
      'iam:CreateUser',
      userArn('flip-made'),
      'no-boundary',
    );
    await root().send(new DeleteUserPermissionsBoundaryCommand({ UserName: c.name }));
    await expectOk(c.iam.send(new CreateUserCommand({ UserName: 'flip-made' })));
  });
});

describe('many changes in a row', () => {
  it('every one of 25 alternating changes is seen by the request right after it', async () => {
    const c = await newCaller(s(), 'toggled');
    for (let i = 0; i < 25; i++) {
      if (i % 2 === 0) {
        await putInline(root(), c.name, 'toggle', doc(allow('iam:ListUsers')));
        await expectOk(listUsers(c));
      } else {
        await putInline(root(), c.name, 'toggle', doc(allow('iam:ListUsers'), deny('iam:ListUsers')));
        await deniedListUsers(c, 'explicit-identity');
      }
    }
    await root().send(new DeleteUserPolicyCommand({ UserName: c.name, PolicyName: 'toggle' }));
    await deniedListUsers(c);
  });
  it('under concurrent load, no request issued after a change returns sees the old policy', async () => {
    const c = await newCaller(s(), 'concurrent');
    const burst = async (): Promise<string[]> =>
      Promise.all(
        Array.from({ length: 20 }, async () => {
          try {
            await listUsers(c);
            return 'ok';
          } catch (error) {
            return (error as Error).name;
          }
        }),
      );
    for (let round = 0; round < 4; round++) {
      await putInline(root(), c.name, 'toggle', doc(allow('iam:ListUsers')));
      // Requests in flight while the next change is written may see either policy...
      const during = burst();
      await putInline(root(), c.name, 'toggle', doc(allow('iam:ListUsers'), deny('iam:ListUsers')));
      await during;
      // ...but none issued after it returned sees the old one.
      assert.deepEqual(new Set(await burst()), new Set(['AccessDenied']));
      await putInline(root(), c.name, 'toggle', doc(allow('iam:ListUsers')));
      assert.deepEqual(new Set(await burst()), new Set(['ok']));
    }
  });
});

describe('who the caller is', () => {
  it('after a rename, ${aws:username} and the ARN in messages are the new name, on the next request', async () => {
    const c = await newCaller(s(), 'before-name');
    await putInline(
      root(),
      c.name,
      'own',
      doc(allow(['iam:GetUser', 'iam:ListAccessKeys'], 'arn:aws:iam::*:user/${aws:username}')),
    );
    await expectOk(c.iam.send(new ListAccessKeysCommand({})));
    await root().send(new CreateUserCommand({ UserName: 'before-name-2' }));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'before-name-2' })),
      c,
      'iam:GetUser',
      userArn('before-name-2'),
    );
    await root().send(new UpdateUserCommand({ UserName: 'before-name', NewUserName: 'after-name' }));
    const me = await c.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, userArn('after-name'), 'the same key now signs as the renamed user');
    const renamed = { arn: userArn('after-name') };
    const got = await expectOk(c.iam.send(new GetUserCommand({})));
    assert.equal(got.User?.UserName, 'after-name');
    await expectOk(c.iam.send(new ListAccessKeysCommand({ UserName: 'after-name' })));
    await root().send(new DeleteUserCommand({ UserName: 'before-name-2' }));
    await root().send(new CreateUserCommand({ UserName: 'before-name' }));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'before-name' })),
      renamed,
      'iam:GetUser',
      userArn('before-name'),
    );
    // Moving the user under a path takes it out of `user/${aws:username}`.
    await root().send(new UpdateUserCommand({ UserName: 'after-name', NewPath: '/moved/' }));
    await expectDenied(
      c.iam.send(new GetUserCommand({})),
      { arn: userArn('after-name', '/moved/') },
      'iam:GetUser',
      userArn('after-name', '/moved/'),
    );
  });

  it('a deleted and recreated user has neither the old key nor the old policies', async () => {
    const c = await newCaller(s(), 'reborn');
    const arn = await createPolicy(root(), 'RebornPolicy', doc(allow('iam:ListUsers')));
    await root().send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: arn }));
    await expectOk(listUsers(c));
    await expectError(root().send(new DeleteUserCommand({ UserName: c.name })), {
      name: 'DeleteConflictException',
      status: 409,
    });
    await root().send(new DetachUserPolicyCommand({ UserName: c.name, PolicyArn: arn }));
    await root().send(
      new DeleteAccessKeyCommand({ UserName: c.name, AccessKeyId: c.credentials.accessKeyId }),
    );
    await root().send(new DeleteUserCommand({ UserName: c.name }));
    const again = await newCaller(s(), 'reborn');
    await deniedListUsers(again);
    await expectError(listUsers(c), { name: 'InvalidClientTokenId', status: 403 });
  });
});

describe('role sessions', () => {
  const trustUser = (arn: string): string =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }],
    });

  async function sessionOf(c: Caller, role: string): Promise<IAMClient> {
    const out = await c.sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'fresh' }));
    const client = iamClient(s().warden.endpoint, {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
    });
    roleSessions.push(client);
    return client;
  }
  const roleSessions: IAMClient[] = [];
  after(() => {
    for (const client of roleSessions.splice(0)) client.destroy();
  });

  it('a change to the role policies reaches a session already issued, on its next request', async () => {
    const c = await newCaller(s(), 'role-fresh');
    const created = await root().send(
      new CreateRoleCommand({ RoleName: 'FreshRole', AssumeRolePolicyDocument: trustUser(c.arn) }),
    );
    const role = created.Role?.Arn ?? '';
    const session = await sessionOf(c, role);
    await assert.rejects(session.send(new ListUsersCommand({})), { name: 'AccessDenied' });
    await root().send(
      new PutRolePolicyCommand({
        RoleName: 'FreshRole',
        PolicyName: 'p',
        PolicyDocument: doc(allow('iam:ListUsers')),
      }),
    );
    await expectOk(session.send(new ListUsersCommand({})));
    await root().send(new DeleteRolePolicyCommand({ RoleName: 'FreshRole', PolicyName: 'p' }));
    await assert.rejects(session.send(new ListUsersCommand({})), { name: 'AccessDenied' });
  });

  it('revoking older sessions (Deny on aws:TokenIssueTime) stops issued sessions and spares new ones', async () => {
    const c = await newCaller(s(), 'role-revoke');
    const created = await root().send(
      new CreateRoleCommand({ RoleName: 'RevokedRole', AssumeRolePolicyDocument: trustUser(c.arn) }),
    );
    const role = created.Role?.Arn ?? '';
    await root().send(new AttachRolePolicyCommand({ RoleName: 'RevokedRole', PolicyArn: ADMIN }));
    const old = await sessionOf(c, role);
    await expectOk(old.send(new ListUsersCommand({})));
    // What the console's "Revoke active sessions" writes (policy AWSRevokeOlderSessions).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const cutoff = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await root().send(
      new PutRolePolicyCommand({
        RoleName: 'RevokedRole',
        PolicyName: 'AWSRevokeOlderSessions',
        PolicyDocument: doc(deny('*', '*', { DateLessThan: { 'aws:TokenIssueTime': cutoff } })),
      }),
    );
    await assert.rejects(old.send(new ListUsersCommand({})), (error: Error) => {
      assert.equal(error.name, 'AccessDenied');
      assert.match(error.message, / with an explicit deny in an identity-based policy/);
      return true;
    });
    const renewed = await sessionOf(c, role);
    await expectOk(renewed.send(new ListUsersCommand({})));
  });
});

// Last: it stops the suite's server.
describe('a restart', () => {
  it('keeps every decision: allowed, denied by identity, by an explicit deny and by the boundary', async () => {
    const allowed = await newCaller(s(), 'restart-allowed');
    await putInline(
      root(),
      allowed.name,
      'p',
      doc(allow(['iam:ListUsers', 'iam:ListGroups']), deny('iam:ListGroups')),
    );
    const boundary = await createPolicy(root(), 'RestartBoundary', doc(allow('iam:ListPolicies')));
    const bounded = await newCaller(s(), 'restart-bounded', { boundary });
    await root().send(new AttachUserPolicyCommand({ UserName: bounded.name, PolicyArn: ADMIN }));

    const { dataDir } = s().warden;
    await s().warden.stop();
    extraServer = await startWarden({ dataDir });
    const { endpoint } = extraServer;
    const a = { ...allowed, iam: iamClient(endpoint, allowed.credentials) };
    const b = { ...bounded, iam: iamClient(endpoint, bounded.credentials) };
    try {
      await expectOk(listUsers(a));
      await expectDenied(listGroups(a), a, 'iam:ListGroups', groupArn(''), 'explicit-identity');
      await expectDenied(a.iam.send(new ListPoliciesCommand({})), a, 'iam:ListPolicies', '*');
      await expectOk(b.iam.send(new ListPoliciesCommand({})));
      await expectDenied(listUsers(b), b, 'iam:ListUsers', userArn(''), 'no-boundary');
    } finally {
      a.iam.destroy();
      b.iam.destroy();
    }
  });
});
