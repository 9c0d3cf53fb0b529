/**
 * Issue 4 end to end with the AWS SDK: an IAM user can do exactly what its policies allow, and a
 * change to those policies is visible on the very next request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import {
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { startSuite, stopSuite, userArn, groupArn, type Suite } from './sdk-kit.ts';
import {
  ADMIN,
  allow,
  attachNew,
  attachToGroup,
  createPolicy,
  deny,
  destroyCallers,
  doc,
  expectAllowed,
  expectDenied,
  expectOk,
  newCaller,
  policyArn,
  putInline,
  type Caller,
} from './policy-kit.ts';

let suite: Suite | undefined;
const s = (): Suite => {
  assert.ok(suite !== undefined, 'server started');
  return suite;
};

before(async () => {
  suite = await startSuite();
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
});

describe('a user with no policy', () => {
  let nobody: Caller;
  before(async () => {
    nobody = await newCaller(s(), 'nobody');
    await createPolicy(s().iam, 'SomePolicy', doc(allow('iam:ListUsers')));
  });

  it('may call GetCallerIdentity and nothing else', async () => {
    const me = await nobody.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, nobody.arn);
    await expectDenied(nobody.iam.send(new ListUsersCommand({})), nobody, 'iam:ListUsers', userArn(''));
    await expectDenied(nobody.iam.send(new GetUserCommand({})), nobody, 'iam:GetUser', nobody.arn);
    await expectDenied(
      nobody.iam.send(new CreateUserCommand({ UserName: 'x' })),
      nobody,
      'iam:CreateUser',
      userArn('x'),
    );
    await expectDenied(nobody.iam.send(new ListPoliciesCommand({})), nobody, 'iam:ListPolicies', '*');
    await expectDenied(
      nobody.iam.send(new GetPolicyCommand({ PolicyArn: policyArn('SomePolicy') })),
      nobody,
      'iam:GetPolicy',
      policyArn('SomePolicy'),
    );
  });
});

describe('STS for a user with no policy', () => {
  it('GetSessionToken needs no permission; GetFederationToken and GetAccessKeyInfo do', async () => {
    const c = await newCaller(s(), 'sts-nobody');
    const session = await expectOk(c.sts.send(new GetSessionTokenCommand({})));
    assert.match(session.Credentials?.AccessKeyId ?? '', /^ASIA/);
    await expectDenied(
      c.sts.send(new GetFederationTokenCommand({ Name: 'fed-visitor' })),
      c,
      'sts:GetFederationToken',
      'arn:aws:sts::123456789012:federated-user/fed-visitor',
    );
    await expectDenied(
      c.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: c.credentials.accessKeyId })),
      c,
      'sts:GetAccessKeyInfo',
      '*',
    );
    await putInline(s().iam, c.name, 'p', doc(allow(['sts:GetFederationToken', 'sts:GetAccessKeyInfo'])));
    const info = await expectOk(
      c.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: c.credentials.accessKeyId })),
    );
    assert.equal(info.Account, '123456789012');
    const fed = await expectOk(
      c.sts.send(new GetFederationTokenCommand({ Name: 'fed-visitor', Policy: doc(allow('s3:GetObject')) })),
    );
    assert.equal(fed.FederatedUser?.Arn, 'arn:aws:sts::123456789012:federated-user/fed-visitor');
  });
});

describe('a managed policy allowing iam:ListUsers only', () => {
  let lister: Caller;
  before(async () => {
    lister = await newCaller(s(), 'lister');
    await attachNew(s().iam, 'lister', 'ListUsersOnly', doc(allow('iam:ListUsers')));
  });

  it('lets the user list users', async () => {
    const out = await expectOk(lister.iam.send(new ListUsersCommand({})));
    assert.ok(out.Users?.some((u) => u.UserName === 'lister'));
  });

  it('denies CreateUser with AWS message, and creates nothing', async () => {
    await expectDenied(
      lister.iam.send(new CreateUserCommand({ UserName: 'X' })),
      lister,
      'iam:CreateUser',
      userArn('X'),
    );
    await expectDenied(
      lister.iam.send(new CreateUserCommand({ UserName: 'Y', Path: '/ops/' })),
      lister,
      'iam:CreateUser',
      userArn('Y', '/ops/'),
    );
    const users = await s().iam.send(new ListUsersCommand({}));
    assert.ok(!users.Users?.some((u) => u.UserName === 'X' || u.UserName === 'Y'));
  });

  it('stops allowing on the very next request once detached', async () => {
    await expectOk(lister.iam.send(new ListUsersCommand({})));
    await s().iam.send(
      new DetachUserPolicyCommand({ UserName: 'lister', PolicyArn: policyArn('ListUsersOnly') }),
    );
    await expectDenied(lister.iam.send(new ListUsersCommand({})), lister, 'iam:ListUsers', userArn(''));
    await s().iam.send(
      new AttachUserPolicyCommand({ UserName: 'lister', PolicyArn: policyArn('ListUsersOnly') }),
    );
    await expectOk(lister.iam.send(new ListUsersCommand({})));
  });
});

describe('group policies', () => {
  let member: Caller;
  before(async () => {
    member = await newCaller(s(), 'member');
    await s().iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await attachToGroup(s().iam, 'readers', 'ReadGroups', doc(allow(['iam:ListGroups', 'iam:GetGroup'])));
  });

  it('apply to members and stop applying on removal', async () => {
    await expectDenied(member.iam.send(new ListGroupsCommand({})), member, 'iam:ListGroups', groupArn(''));
    await s().iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    const groups = await expectOk(member.iam.send(new ListGroupsCommand({})));
    assert.ok(groups.Groups?.some((g) => g.GroupName === 'readers'));
    await expectOk(member.iam.send(new GetGroupCommand({ GroupName: 'readers' })));
    await s().iam.send(new RemoveUserFromGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    await expectDenied(member.iam.send(new ListGroupsCommand({})), member, 'iam:ListGroups', groupArn(''));
  });

  it('stop applying when detached from the group', async () => {
    await s().iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    await expectOk(member.iam.send(new ListGroupsCommand({})));
    await s().iam.send(
      new DetachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: policyArn('ReadGroups') }),
    );
    await expectDenied(member.iam.send(new ListGroupsCommand({})), member, 'iam:ListGroups', groupArn(''));
  });

  it('a deny in a group policy beats an allow on the user', async () => {
    const denier = await newCaller(s(), 'denied-by-group');
    await attachNew(s().iam, 'denied-by-group', 'UsersAll', doc(allow('iam:*User*')));
    await expectOk(denier.iam.send(new ListUsersCommand({})));
    await s().iam.send(new CreateGroupCommand({ GroupName: 'no-listing' }));
    await attachToGroup(s().iam, 'no-listing', 'NoListing', doc(deny('iam:ListUsers')));
    await s().iam.send(new AddUserToGroupCommand({ GroupName: 'no-listing', UserName: 'denied-by-group' }));
    await expectDenied(
      denier.iam.send(new ListUsersCommand({})),
      denier,
      'iam:ListUsers',
      userArn(''),
      'explicit-identity',
    );
  });
});

describe('a permissions boundary', () => {
  let bounded: Caller;
  before(async () => {
    const boundary = await createPolicy(
      s().iam,
      'ReadOnlyBoundary',
      doc(allow(['iam:Get*', 'iam:List*']), deny('iam:ListGroups')),
    );
    // Created with the boundary (CreateUser's PermissionsBoundary), then given AdministratorAccess.
    bounded = await newCaller(s(), 'bounded', { boundary });
    await s().iam.send(new AttachUserPolicyCommand({ UserName: 'bounded', PolicyArn: ADMIN }));
  });

  it('lets an AdministratorAccess user do only what the boundary also allows', async () => {
    await expectOk(bounded.iam.send(new ListUsersCommand({})));
    await expectOk(bounded.iam.send(new GetUserCommand({ UserName: 'bounded' })));
    await expectDenied(
      bounded.iam.send(new CreateUserCommand({ UserName: 'made-by-bounded' })),
      bounded,
      'iam:CreateUser',
      userArn('made-by-bounded'),
      'no-boundary',
    );
    await expectDenied(
      bounded.iam.send(new DeleteUserCommand({ UserName: 'nobody' })),
      bounded,
      'iam:DeleteUser',
      userArn('nobody'),
      'no-boundary',
    );
  });

  it('an explicit deny in the boundary is named as such', async () => {
    await expectDenied(
      bounded.iam.send(new ListGroupsCommand({})),
      bounded,
      'iam:ListGroups',
      groupArn(''),
      'explicit-boundary',
    );
  });

  it('does not grant by itself: without AdministratorAccess, GetUser is denied by the identity side', async () => {
    await s().iam.send(new DetachUserPolicyCommand({ UserName: 'bounded', PolicyArn: ADMIN }));
    await expectDenied(
      bounded.iam.send(new GetUserCommand({ UserName: 'bounded' })),
      bounded,
      'iam:GetUser',
      userArn('bounded'),
      'no-identity',
    );
    await s().iam.send(new AttachUserPolicyCommand({ UserName: 'bounded', PolicyArn: ADMIN }));
    await expectOk(bounded.iam.send(new GetUserCommand({ UserName: 'bounded' })));
  });
});

describe('explicit deny', () => {
  it('beats an allow of everything, in the same or another policy', async () => {
    const c = await newCaller(s(), 'deny-beats');
    await attachNew(s().iam, 'deny-beats', 'AllIam', doc(allow('iam:*')));
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await attachNew(s().iam, 'deny-beats', 'NoDeletes', doc(deny('iam:Delete*')));
    await expectDenied(
      c.iam.send(new DeleteUserCommand({ UserName: 'nobody' })),
      c,
      'iam:DeleteUser',
      userArn('nobody'),
      'explicit-identity',
    );
    // Only the denied action is affected.
    await expectOk(c.iam.send(new ListUsersCommand({})));
    // A Deny on one resource in the same statement set leaves the others alone.
    await putInline(
      s().iam,
      'deny-beats',
      'NotLister',
      doc(allow('iam:GetUser', userArn('*')), deny('iam:GetUser', userArn('lister'))),
    );
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'lister' })),
      c,
      'iam:GetUser',
      userArn('lister'),
      'explicit-identity',
    );
    await expectOk(c.iam.send(new GetUserCommand({ UserName: 'nobody' })));
  });
});

describe('conditions decide', () => {
  let c: Caller;
  before(async () => {
    c = await newCaller(s(), 'conditional');
  });

  it('aws:SourceIp: 127.0.0.1 is in 127.0.0.0/8, not in 203.0.113.0/24', async () => {
    await putInline(
      s().iam,
      'conditional',
      'ByIp',
      doc(
        allow('iam:ListUsers', '*', { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }),
        allow('iam:ListGroups', '*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
        allow('iam:ListPolicies', '*', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '127.0.0.1/32'] } }),
      ),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectOk(c.iam.send(new ListPoliciesCommand({ Scope: 'Local' })));
    await expectDenied(c.iam.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));
  });

  it('aws:SourceIp in a Deny: NotIpAddress shuts callers outside the office out', async () => {
    await putInline(
      s().iam,
      'conditional',
      'ByIp',
      doc(
        allow(['iam:ListUsers', 'iam:ListGroups']),
        deny('iam:ListUsers', '*', { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }),
        deny('iam:ListGroups', '*', { NotIpAddress: { 'aws:SourceIp': '127.0.0.1' } }),
      ),
    );
    await expectDenied(
      c.iam.send(new ListUsersCommand({})),
      c,
      'iam:ListUsers',
      userArn(''),
      'explicit-identity',
    );
    await expectOk(c.iam.send(new ListGroupsCommand({})));
  });

  it('aws:CurrentTime: DateGreaterThan and DateLessThan against the request time', async () => {
    await putInline(
      s().iam,
      'conditional',
      'ByIp',
      doc(
        allow('iam:ListUsers', '*', {
          DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' },
          DateLessThan: { 'aws:CurrentTime': '2999-12-31T23:59:59Z' },
        }),
        allow('iam:ListGroups', '*', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }),
        allow('iam:ListPolicies', '*', { DateGreaterThan: { 'aws:CurrentTime': '2999-01-01T00:00:00Z' } }),
      ),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectDenied(c.iam.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));
    await expectDenied(c.iam.send(new ListPoliciesCommand({})), c, 'iam:ListPolicies', '*');
  });

  it('aws:RequestTag and aws:TagKeys on CreateUser and TagUser', async () => {
    await putInline(
      s().iam,
      'conditional',
      'ByIp',
      doc(
        allow(['iam:CreateUser', 'iam:TagUser'], userArn('tagged-*'), {
          StringEquals: { 'aws:RequestTag/team': ['eng', 'ops'] },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
        }),
      ),
    );
    await expectOk(
      c.iam.send(new CreateUserCommand({ UserName: 'tagged-1', Tags: [{ Key: 'team', Value: 'eng' }] })),
    );
    await expectOk(
      c.iam.send(
        new CreateUserCommand({
          UserName: 'tagged-2',
          Tags: [
            { Key: 'team', Value: 'ops' },
            { Key: 'env', Value: 'prod' },
          ],
        }),
      ),
    );
    // Wrong value, a key outside the allowed set, no tag at all: each refused.
    await expectDenied(
      c.iam.send(new CreateUserCommand({ UserName: 'tagged-3', Tags: [{ Key: 'team', Value: 'sales' }] })),
      c,
      'iam:CreateUser',
      userArn('tagged-3'),
    );
    await expectDenied(
      c.iam.send(
        new CreateUserCommand({
          UserName: 'tagged-4',
          Tags: [
            { Key: 'team', Value: 'eng' },
            { Key: 'cost', Value: '1' },
          ],
        }),
      ),
      c,
      'iam:CreateUser',
      userArn('tagged-4'),
    );
    await expectDenied(
      c.iam.send(new CreateUserCommand({ UserName: 'tagged-5' })),
      c,
      'iam:CreateUser',
      userArn('tagged-5'),
    );
    await expectOk(
      c.iam.send(new TagUserCommand({ UserName: 'tagged-1', Tags: [{ Key: 'team', Value: 'ops' }] })),
    );
    await expectDenied(
      c.iam.send(new TagUserCommand({ UserName: 'tagged-1', Tags: [{ Key: 'owner', Value: 'me' }] })),
      c,
      'iam:TagUser',
      userArn('tagged-1'),
    );
    const made = await s().iam.send(new ListUsersCommand({ PathPrefix: '/' }));
    assert.deepEqual(
      made.Users?.map((u) => u.UserName).filter((n) => n?.startsWith('tagged-')),
      ['tagged-1', 'tagged-2'],
    );
  });

  it('aws:ResourceTag / iam:ResourceTag: only users tagged team=eng may be untagged or tagged', async () => {
    await s().iam.send(
      new CreateUserCommand({ UserName: 'eng-user', Tags: [{ Key: 'team', Value: 'eng' }] }),
    );
    await s().iam.send(
      new CreateUserCommand({ UserName: 'ops-user', Tags: [{ Key: 'team', Value: 'ops' }] }),
    );
    await putInline(
      s().iam,
      'conditional',
      'ByIp',
      doc(
        allow('iam:TagUser', '*', { StringEquals: { 'aws:ResourceTag/team': 'eng' } }),
        allow('iam:UntagUser', '*', { StringEquals: { 'iam:ResourceTag/team': 'eng' } }),
      ),
    );
    const tag = (user: string) =>
      c.iam.send(new TagUserCommand({ UserName: user, Tags: [{ Key: 'reviewed', Value: 'yes' }] }));
    await expectOk(tag('eng-user'));
    await expectDenied(tag('ops-user'), c, 'iam:TagUser', userArn('ops-user'));
    await expectOk(c.iam.send(new UntagUserCommand({ UserName: 'eng-user', TagKeys: ['reviewed'] })));
    await expectDenied(
      c.iam.send(new UntagUserCommand({ UserName: 'ops-user', TagKeys: ['team'] })),
      c,
      'iam:UntagUser',
      userArn('ops-user'),
    );
    // Retagging the ops user as eng (as root) lets the caller in on the next request.
    await s().iam.send(new TagUserCommand({ UserName: 'ops-user', Tags: [{ Key: 'team', Value: 'eng' }] }));
    await expectOk(tag('ops-user'));
  });
});

describe('${aws:username} self-service', () => {
  let alice: Caller;
  let bob: Caller;
  before(async () => {
    alice = await newCaller(s(), 'alice', { path: '/staff/' });
    bob = await newCaller(s(), 'bob', { path: '/staff/' });
    await s().iam.send(new CreateGroupCommand({ GroupName: 'self-service' }));
    await attachToGroup(
      s().iam,
      'self-service',
      'ManageOwnAccessKeys',
      doc(
        allow(
          ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:DeleteAccessKey', 'iam:UpdateAccessKey'],
          'arn:aws:iam::*:user/${aws:username}',
        ),
      ),
    );
    await s().iam.send(new AddUserToGroupCommand({ GroupName: 'self-service', UserName: 'alice' }));
    await s().iam.send(new AddUserToGroupCommand({ GroupName: 'self-service', UserName: 'bob' }));
  });

  it('`user/${aws:username}` does not match a user with a path (the ARN keeps the path)', async () => {
    // The resource ARN has a path (/staff/) and the policy does not: AWS ARNs keep the path, so
    // `user/${aws:username}` does NOT match `user/staff/alice`.
    await expectDenied(
      alice.iam.send(new ListAccessKeysCommand({})),
      alice,
      'iam:ListAccessKeys',
      userArn('alice', '/staff/'),
    );
  });

  it('with a path-aware resource each user lists, creates and deletes only its own keys', async () => {
    await putInline(
      s().iam,
      'alice',
      'OwnKeysAnyPath',
      doc(
        allow(
          ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:DeleteAccessKey'],
          'arn:aws:iam::*:user/*/${aws:username}',
        ),
      ),
    );
    await putInline(
      s().iam,
      'bob',
      'OwnKeysAnyPath',
      doc(
        allow(
          ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:DeleteAccessKey'],
          'arn:aws:iam::*:user/*/${aws:username}',
        ),
      ),
    );
    const listed = await expectOk(alice.iam.send(new ListAccessKeysCommand({})));
    assert.deepEqual(
      listed.AccessKeyMetadata?.map((k) => k.AccessKeyId),
      [alice.credentials.accessKeyId],
    );
    const created = await expectOk(alice.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })));
    const newKey = created.AccessKey?.AccessKeyId ?? '';
    assert.equal(created.AccessKey?.UserName, 'alice');
    await expectDenied(
      alice.iam.send(new ListAccessKeysCommand({ UserName: 'bob' })),
      alice,
      'iam:ListAccessKeys',
      userArn('bob', '/staff/'),
    );
    await expectDenied(
      alice.iam.send(new CreateAccessKeyCommand({ UserName: 'bob' })),
      alice,
      'iam:CreateAccessKey',
      userArn('bob', '/staff/'),
    );
    await expectDenied(
      alice.iam.send(
        new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: bob.credentials.accessKeyId }),
      ),
      alice,
      'iam:DeleteAccessKey',
      userArn('bob', '/staff/'),
    );
    // Bob's key still works; Bob sees his own key only.
    const bobs = await expectOk(bob.iam.send(new ListAccessKeysCommand({})));
    assert.deepEqual(
      bobs.AccessKeyMetadata?.map((k) => k.AccessKeyId),
      [bob.credentials.accessKeyId],
    );
    await expectOk(alice.iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: newKey })));
    const remaining = await expectOk(alice.iam.send(new ListAccessKeysCommand({})));
    assert.equal(remaining.AccessKeyMetadata?.length, 1);
  });

  it('users without a path: the documented `user/${aws:username}` resource works as is', async () => {
    const carol = await newCaller(s(), 'carol');
    const dave = await newCaller(s(), 'dave');
    await s().iam.send(new AddUserToGroupCommand({ GroupName: 'self-service', UserName: 'carol' }));
    await s().iam.send(new AddUserToGroupCommand({ GroupName: 'self-service', UserName: 'dave' }));
    await expectOk(carol.iam.send(new ListAccessKeysCommand({})));
    const extra = await expectOk(carol.iam.send(new CreateAccessKeyCommand({})));
    assert.equal(extra.AccessKey?.UserName, 'carol');
    await expectOk(
      carol.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: extra.AccessKey?.AccessKeyId ?? '' })),
    );
    await expectDenied(
      carol.iam.send(new CreateAccessKeyCommand({ UserName: 'dave' })),
      carol,
      'iam:CreateAccessKey',
      userArn('dave'),
    );
    await expectDenied(
      dave.iam.send(
        new DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: carol.credentials.accessKeyId }),
      ),
      dave,
      'iam:DeleteAccessKey',
      userArn('carol'),
    );
    await expectOk(carol.sts.send(new GetCallerIdentityCommand({})));
  });
});

describe('policy versions switch what is allowed at once', () => {
  it('CreatePolicyVersion with SetAsDefault, then SetDefaultPolicyVersion back and forth', async () => {
    const c = await newCaller(s(), 'versioned');
    const arn = await attachNew(s().iam, 'versioned', 'Switching', doc(allow('iam:ListUsers')));
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectDenied(c.iam.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));

    // A new version that is not the default changes nothing.
    await s().iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow('iam:ListGroups')) }),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectDenied(c.iam.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));

    await s().iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    await expectOk(c.iam.send(new ListGroupsCommand({})));
    await expectDenied(c.iam.send(new ListUsersCommand({})), c, 'iam:ListUsers', userArn(''));

    await s().iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectDenied(c.iam.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));

    await s().iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: doc(allow(['iam:ListUsers', 'iam:ListGroups']), deny('iam:ListUsers')),
        SetAsDefault: true,
      }),
    );
    await expectOk(c.iam.send(new ListGroupsCommand({})));
    await expectDenied(
      c.iam.send(new ListUsersCommand({})),
      c,
      'iam:ListUsers',
      userArn(''),
      'explicit-identity',
    );
  });

  it('inline policies: PutUserPolicy replaces, DeleteUserPolicy removes, on the next request', async () => {
    const c = await newCaller(s(), 'inline');
    await expectDenied(c.iam.send(new ListUsersCommand({})), c, 'iam:ListUsers', userArn(''));
    await putInline(s().iam, 'inline', 'Mine', doc(allow('iam:ListUsers')));
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await putInline(s().iam, 'inline', 'Mine', doc(allow('iam:ListGroups')));
    await expectDenied(c.iam.send(new ListUsersCommand({})), c, 'iam:ListUsers', userArn(''));
    await expectOk(c.iam.send(new ListGroupsCommand({})));
    await s().iam.send(new DeleteUserPolicyCommand({ UserName: 'inline', PolicyName: 'Mine' }));
    await expectDenied(c.iam.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));
  });

  it('a policy allowing a user to put its own inline policy sees the new grant at once', async () => {
    const c = await newCaller(s(), 'self-inline');
    await putInline(s().iam, 'self-inline', 'Self', doc(allow('iam:PutUserPolicy', userArn('self-inline'))));
    await expectDenied(c.iam.send(new ListPoliciesCommand({})), c, 'iam:ListPolicies', '*');
    await expectAllowed(putInline(c.iam, 'self-inline', 'More', doc(allow('iam:ListPolicies'))));
    await expectOk(c.iam.send(new ListPoliciesCommand({})));
  });
});

describe('AWS managed policies, enforced with their real documents', () => {
  const attachAws = (user: string, name: string) =>
    s().iam.send(
      new AttachUserPolicyCommand({ UserName: user, PolicyArn: `arn:aws:iam::aws:policy/${name}` }),
    );

  it('ReadOnlyAccess reads and writes nothing; IAMFullAccess writes', async () => {
    const reader = await newCaller(s(), 'aws-reader');
    await attachAws(reader.name, 'ReadOnlyAccess');
    await expectOk(reader.iam.send(new ListUsersCommand({})));
    await expectOk(reader.iam.send(new GetUserCommand({ UserName: 'lister' })));
    await expectOk(reader.iam.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 5 })));
    await expectDenied(
      reader.iam.send(new CreateUserCommand({ UserName: 'by-reader' })),
      reader,
      'iam:CreateUser',
      userArn('by-reader'),
    );
    const writer = await newCaller(s(), 'aws-writer');
    await attachAws(writer.name, 'IAMFullAccess');
    await expectOk(writer.iam.send(new CreateUserCommand({ UserName: 'by-writer' })));
  });

  it('PowerUserAccess (NotAction iam:*) allows no user management', async () => {
    const power = await newCaller(s(), 'aws-power');
    await attachAws(power.name, 'PowerUserAccess');
    await expectDenied(power.iam.send(new ListUsersCommand({})), power, 'iam:ListUsers', userArn(''));
    await expectDenied(power.iam.send(new GetUserCommand({})), power, 'iam:GetUser', power.arn);
  });

  it('job-function policies under their /job-function/ path: ViewOnlyAccess and SystemAdministrator', async () => {
    const viewer = await newCaller(s(), 'aws-viewer');
    await attachAws(viewer.name, 'job-function/ViewOnlyAccess');
    await expectOk(viewer.iam.send(new ListUsersCommand({})));
    await expectOk(viewer.iam.send(new ListGroupsCommand({})));
    await expectDenied(
      viewer.iam.send(new GetUserCommand({ UserName: 'lister' })),
      viewer,
      'iam:GetUser',
      userArn('lister'),
    );
    const sysadmin = await newCaller(s(), 'aws-sysadmin');
    await attachAws(sysadmin.name, 'job-function/SystemAdministrator');
    await expectOk(sysadmin.iam.send(new ListGroupsCommand({})));
    await expectOk(sysadmin.iam.send(new GetUserCommand({ UserName: 'lister' })));
    await expectDenied(sysadmin.iam.send(new ListUsersCommand({})), sysadmin, 'iam:ListUsers', userArn(''));
  });
});
