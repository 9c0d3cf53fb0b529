/**
 * The request context of issue 4, end to end: each global key a policy can test, filled from the
 * real request (principal, tags, transport, client), the IAM keys of the request, and the
 * policy-language rules that catch people out (absent MFA keys for long-term keys, renames checked
 * on both names, GetCallerIdentity never denied).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCOUNT_ID, groupArn, iamClientIn, startSuite, stopSuite, userArn, type Suite } from './sdk-kit.ts';
import {
  allow,
  createPolicy,
  deny,
  destroyCallers,
  doc,
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
const root = () => s().iam;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
});

describe('principal keys', () => {
  let c: Caller;
  before(async () => {
    c = await newCaller(s(), 'principal-keys', { path: '/p/' });
  });

  it('aws:userid, aws:PrincipalArn, aws:PrincipalType, aws:PrincipalAccount, aws:username', async () => {
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow('iam:ListUsers', '*', {
          StringEquals: {
            'aws:userid': c.userId,
            'aws:PrincipalType': 'User',
            'aws:PrincipalAccount': ACCOUNT_ID,
            'aws:username': 'principal-keys',
          },
          ArnEquals: { 'aws:PrincipalArn': userArn('principal-keys', '/p/') },
        }),
        allow('iam:ListGroups', '*', { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }),
        allow('iam:ListPolicies', '*', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/other/*' } }),
      ),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectDenied(c.iam.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));
    await expectDenied(c.iam.send(new ListPoliciesCommand({})), c, 'iam:ListPolicies', '*');
  });

  it('aws:PrincipalTag follows the caller tags, changed on the very next request', async () => {
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow('iam:ListUsers', '*', { StringEquals: { 'aws:PrincipalTag/dept': 'eng' } }),
        // The tag as a policy variable: users of the caller own department only.
        allow('iam:GetUser', 'arn:aws:iam::*:user/${aws:PrincipalTag/dept}/*'),
      ),
    );
    await root().send(new CreateUserCommand({ UserName: 'eng-1', Path: '/eng/' }));
    await root().send(new CreateUserCommand({ UserName: 'ops-1', Path: '/ops/' }));
    await expectDenied(c.iam.send(new ListUsersCommand({})), c, 'iam:ListUsers', userArn(''));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'eng-1' })),
      c,
      'iam:GetUser',
      userArn('eng-1', '/eng/'),
    );

    await root().send(new TagUserCommand({ UserName: c.name, Tags: [{ Key: 'dept', Value: 'eng' }] }));
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectOk(c.iam.send(new GetUserCommand({ UserName: 'eng-1' })));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'ops-1' })),
      c,
      'iam:GetUser',
      userArn('ops-1', '/ops/'),
    );

    await root().send(new TagUserCommand({ UserName: c.name, Tags: [{ Key: 'dept', Value: 'ops' }] }));
    await expectDenied(c.iam.send(new ListUsersCommand({})), c, 'iam:ListUsers', userArn(''));
    await expectOk(c.iam.send(new GetUserCommand({ UserName: 'ops-1' })));

    await root().send(new UntagUserCommand({ UserName: c.name, TagKeys: ['dept'] }));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'ops-1' })),
      c,
      'iam:GetUser',
      userArn('ops-1', '/ops/'),
    );
  });

  it('tag keys in condition key names match whatever their case', async () => {
    await root().send(new TagUserCommand({ UserName: c.name, Tags: [{ Key: 'CostCenter', Value: 'A1' }] }));
    await putInline(
      root(),
      c.name,
      'p',
      doc(allow('iam:ListUsers', '*', { StringEquals: { 'aws:principaltag/costcenter': 'A1' } })),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
  });
});

describe('environment keys', () => {
  let c: Caller;
  before(async () => {
    c = await newCaller(s(), 'env-keys');
  });

  it('aws:SecureTransport is false over plain HTTP', async () => {
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow(['iam:ListUsers', 'iam:ListGroups']),
        deny('iam:ListUsers', '*', { Bool: { 'aws:SecureTransport': 'false' } }),
        deny('iam:ListGroups', '*', { Bool: { 'aws:SecureTransport': 'true' } }),
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

  it('aws:MultiFactorAuthPresent is absent for long-term keys: Bool does not match, BoolIfExists does', async () => {
    // AWS's documented pitfall: `Bool false` never matches a request signed with access keys.
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow(['iam:ListUsers', 'iam:ListGroups', 'iam:ListPolicies']),
        deny('iam:ListUsers', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }),
        deny('iam:ListGroups', '*', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }),
        deny('iam:ListPolicies', '*', { Null: { 'aws:MultiFactorAuthPresent': 'true' } }),
      ),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectDenied(
      c.iam.send(new ListGroupsCommand({})),
      c,
      'iam:ListGroups',
      groupArn(''),
      'explicit-identity',
    );
    await expectDenied(
      c.iam.send(new ListPoliciesCommand({})),
      c,
      'iam:ListPolicies',
      '*',
      'explicit-identity',
    );
  });

  it('aws:EpochTime compares as a number, aws:UserAgent is the client header, aws:RequestedRegion the signing region', async () => {
    const now = Math.floor(Date.now() / 1000);
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow('iam:ListUsers', '*', {
          NumericGreaterThan: { 'aws:EpochTime': String(now - 3600) },
          NumericLessThan: { 'aws:EpochTime': String(now + 3600) },
        }),
        allow('iam:ListGroups', '*', { StringLike: { 'aws:UserAgent': '*aws-sdk-js*' } }),
        allow('iam:ListPolicies', '*', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }),
        allow('iam:GetUser', '*', { StringLike: { 'aws:UserAgent': 'aws-cli/*' } }),
      ),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectOk(c.iam.send(new ListGroupsCommand({})));
    await expectOk(c.iam.send(new ListPoliciesCommand({})));
    await expectDenied(c.iam.send(new GetUserCommand({})), c, 'iam:GetUser', c.arn);
  });
  it('aws:RequestedRegion is us-east-1 for IAM whatever region the client signs for (IAM is global)', async () => {
    const c = await newCaller(s(), 'region-keys');
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow('iam:ListUsers', '*', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }),
        allow('iam:ListGroups', '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
      ),
    );
    const eu = iamClientIn(s().warden.endpoint, 'eu-west-1', c.credentials);
    try {
      await expectOk(eu.send(new ListUsersCommand({})));
      await expectDenied(eu.send(new ListGroupsCommand({})), c, 'iam:ListGroups', groupArn(''));
    } finally {
      eu.destroy();
    }
  });
});

describe('request keys', () => {
  it('iam:PolicyARN lets a delegated admin attach the policies it names and no other', async () => {
    const readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const c = await newCaller(s(), 'attacher');
    await root().send(new CreateUserCommand({ UserName: 'attach-target' }));
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow(['iam:AttachUserPolicy', 'iam:DetachUserPolicy'], userArn('*'), {
          ArnEquals: { 'iam:PolicyARN': [readOnly, policyArn('Team*')] },
        }),
      ),
    );
    await createPolicy(root(), 'TeamTools', doc(allow('iam:GetUser')));
    await expectOk(
      c.iam.send(new AttachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: readOnly })),
    );
    await expectDenied(
      c.iam.send(
        new AttachUserPolicyCommand({
          UserName: 'attach-target',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
      c,
      'iam:AttachUserPolicy',
      userArn('attach-target'),
    );
    // ArnEquals globs exactly as ArnLike does (AWS: the two behave identically).
    await expectOk(
      c.iam.send(
        new AttachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: policyArn('TeamTools') }),
      ),
    );
    // Detach carries the key too: the same condition lets it detach TeamTools, not AdministratorAccess.
    await root().send(
      new AttachUserPolicyCommand({
        UserName: 'attach-target',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    await expectDenied(
      c.iam.send(
        new DetachUserPolicyCommand({
          UserName: 'attach-target',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
      c,
      'iam:DetachUserPolicy',
      userArn('attach-target'),
    );
    await expectOk(
      c.iam.send(
        new DetachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: policyArn('TeamTools') }),
      ),
    );
    await root().send(new DetachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: readOnly }));
  });
});

describe('AWS rules that catch people out', () => {
  it('GetCallerIdentity works even under an explicit Deny of everything', async () => {
    const c = await newCaller(s(), 'denied-all');
    await putInline(root(), c.name, 'p', doc(allow('*'), deny('*')));
    const me = await c.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, c.arn);
    await expectDenied(c.iam.send(new GetUserCommand({})), c, 'iam:GetUser', c.arn, 'explicit-identity');
  });

  it('renaming a user needs iam:UpdateUser on the old and on the new name', async () => {
    const c = await newCaller(s(), 'renamer');
    await root().send(new CreateUserCommand({ UserName: 'old-1', Path: '/r/' }));
    await putInline(root(), c.name, 'p', doc(allow('iam:UpdateUser', userArn('old-*', '/r/'))));
    await expectDenied(
      c.iam.send(new UpdateUserCommand({ UserName: 'old-1', NewUserName: 'new-1' })),
      c,
      'iam:UpdateUser',
      userArn('new-1', '/r/'),
    );
    await expectOk(c.iam.send(new UpdateUserCommand({ UserName: 'old-1', NewUserName: 'old-2' })));
    // Moving to a path the policy does not cover is refused on the new ARN.
    await expectDenied(
      c.iam.send(new UpdateUserCommand({ UserName: 'old-2', NewPath: '/elsewhere/' })),
      c,
      'iam:UpdateUser',
      userArn('old-2', '/elsewhere/'),
    );
    await putInline(
      root(),
      c.name,
      'p',
      doc(allow('iam:UpdateUser', [userArn('old-*', '/r/'), userArn('new-*', '/r/')])),
    );
    await expectOk(c.iam.send(new UpdateUserCommand({ UserName: 'old-2', NewUserName: 'new-2' })));
    const renamed = await root().send(new GetUserCommand({ UserName: 'new-2' }));
    assert.equal(renamed.User?.Arn, userArn('new-2', '/r/'));
  });

  it('renaming a group likewise needs iam:UpdateGroup on both names', async () => {
    const c = await newCaller(s(), 'group-renamer');
    await root().send(new CreateGroupCommand({ GroupName: 'team-a' }));
    await putInline(root(), c.name, 'p', doc(allow('iam:UpdateGroup', groupArn('team-a'))));
    await expectDenied(
      c.iam.send(new UpdateGroupCommand({ GroupName: 'team-a', NewGroupName: 'team-b' })),
      c,
      'iam:UpdateGroup',
      groupArn('team-b'),
    );
    await putInline(root(), c.name, 'p', doc(allow('iam:UpdateGroup', groupArn('team-*'))));
    await expectOk(c.iam.send(new UpdateGroupCommand({ GroupName: 'team-a', NewGroupName: 'team-b' })));
  });

  it('action names match case-insensitively, resource ARNs case-sensitively', async () => {
    const c = await newCaller(s(), 'case-check');
    await root().send(new CreateUserCommand({ UserName: 'MixedCase' }));
    await putInline(
      root(),
      c.name,
      'p',
      doc(allow('IAM:getuser', userArn('mixedcase')), allow('Iam:LISTUSERS')),
    );
    await expectOk(c.iam.send(new ListUsersCommand({})));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'MixedCase' })),
      c,
      'iam:GetUser',
      userArn('MixedCase'),
    );
  });
});

describe('keys a request does not carry', () => {
  it('CreateUser without tags: ForAllValues is vacuously true, ForAnyValue false, Null true', async () => {
    const c = await newCaller(s(), 'absent-keys');
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow('iam:CreateUser', userArn('all-*'), {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
        }),
        allow('iam:CreateUser', userArn('any-*'), {
          'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] },
        }),
        allow('iam:CreateUser', userArn('null-*'), { Null: { 'aws:RequestTag/team': 'true' } }),
        allow('iam:CreateUser', userArn('not-*'), { StringNotEquals: { 'aws:RequestTag/team': 'ops' } }),
      ),
    );
    const create = (name: string, tags?: { Key: string; Value: string }[]) =>
      c.iam.send(new CreateUserCommand({ UserName: name, ...(tags && { Tags: tags }) }));
    await expectOk(create('all-1'));
    await expectDenied(create('any-1'), c, 'iam:CreateUser', userArn('any-1'));
    await expectOk(create('any-2', [{ Key: 'team', Value: 'x' }]));
    await expectOk(create('null-1'));
    await expectDenied(
      create('null-2', [{ Key: 'team', Value: 'x' }]),
      c,
      'iam:CreateUser',
      userArn('null-2'),
    );
    // A negated operator on an absent key is true...
    await expectOk(create('not-1'));
    // ...and false only when the value is the one excluded.
    await expectDenied(
      create('not-2', [{ Key: 'team', Value: 'ops' }]),
      c,
      'iam:CreateUser',
      userArn('not-2'),
    );
    await expectOk(create('not-3', [{ Key: 'team', Value: 'eng' }]));
  });

  it('a policy variable with a default value uses the default when the tag is absent', async () => {
    const c = await newCaller(s(), 'defaulted');
    await root().send(new CreateUserCommand({ UserName: 'in-shared', Path: '/shared/' }));
    await root().send(new CreateUserCommand({ UserName: 'in-qa', Path: '/qa/' }));
    await putInline(
      root(),
      c.name,
      'p',
      doc(allow('iam:GetUser', "arn:aws:iam::*:user/${aws:PrincipalTag/team, 'shared'}/*")),
    );
    await expectOk(c.iam.send(new GetUserCommand({ UserName: 'in-shared' })));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'in-qa' })),
      c,
      'iam:GetUser',
      userArn('in-qa', '/qa/'),
    );
    await root().send(new TagUserCommand({ UserName: c.name, Tags: [{ Key: 'team', Value: 'qa' }] }));
    await expectOk(c.iam.send(new GetUserCommand({ UserName: 'in-qa' })));
    await expectDenied(
      c.iam.send(new GetUserCommand({ UserName: 'in-shared' })),
      c,
      'iam:GetUser',
      userArn('in-shared', '/shared/'),
    );
  });
});
