/**
 * The published IAM privilege-escalation methods (Rhino Security Labs' list and its successors),
 * each against a real server: the path is shut unless the caller holds that exact permission on
 * that exact resource. Each test first tries with the neighbouring permissions a sloppy
 * authorizer could confuse (and checks nothing changed), then with that one permission alone and
 * shows the caller really ends up an administrator, so the test would catch a leak.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetUserCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { iamClient } from './harness.ts';
import { groupArn, startSuite, stopSuite, userArn, type Suite } from './sdk-kit.ts';
import {
  ADMIN,
  allow,
  attachNew,
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
  type Statement,
} from './policy-kit.ts';

let suite: Suite | undefined;
const s = (): Suite => {
  assert.ok(suite !== undefined, 'server started');
  return suite;
};
const root = () => s().iam;

before(async () => {
  suite = await startSuite();
  // An administrator to steal from, and an admin group to join.
  await root().send(new CreateUserCommand({ UserName: 'admin' }));
  await root().send(new AttachUserPolicyCommand({ UserName: 'admin', PolicyArn: ADMIN }));
  await root().send(new CreateGroupCommand({ GroupName: 'admins' }));
  await root().send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: ADMIN }));
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
});

let serial = 0;
/** A probe that only administrators may make: CreateUser of a fresh name. */
async function isAdmin(c: Caller): Promise<boolean> {
  const name = `probe-${c.name}-${serial++}`;
  try {
    await c.iam.send(new CreateUserCommand({ UserName: name }));
    return true;
  } catch (error) {
    assert.equal((error as Error).name, 'AccessDenied');
    return false;
  }
}

/**
 * A caller with `decoy` (neighbouring permissions, not the one that matters) and then with
 * `exact` alone; returns both.
 */
async function pair(name: string, decoy: string, exact: string): Promise<{ without: Caller; with: Caller }> {
  const without = await newCaller(s(), `${name}-without`);
  const withIt = await newCaller(s(), `${name}-with`);
  await putInline(root(), without.name, 'Decoy', decoy.replaceAll('SELF', without.name));
  await putInline(root(), withIt.name, 'Exact', exact.replaceAll('SELF', withIt.name));
  assert.equal(await isAdmin(without), false);
  assert.equal(await isAdmin(withIt), false);
  return { without, with: withIt };
}

describe('CreatePolicyVersion on a policy attached to self', () => {
  it('needs iam:CreatePolicyVersion on that policy', async () => {
    const without = await newCaller(s(), 'cpv-without');
    const withIt = await newCaller(s(), 'cpv-with');
    const mineA = await attachNew(
      root(),
      without.name,
      'cpv-A',
      doc(allow('iam:GetUser', userArn('cpv-without'))),
    );
    const mineB = await attachNew(
      root(),
      withIt.name,
      'cpv-B',
      doc(allow('iam:GetUser', userArn('cpv-with'))),
    );
    await putInline(
      root(),
      without.name,
      'Decoy',
      doc(
        allow(
          ['iam:CreatePolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions', 'iam:DeletePolicyVersion'],
          mineA,
        ),
        allow('iam:CreatePolicyVersion', mineB),
      ),
    );
    await putInline(root(), withIt.name, 'Exact', doc(allow('iam:CreatePolicyVersion', mineB)));
    const adminDoc = doc(allow('*'));

    await expectDenied(
      without.iam.send(
        new CreatePolicyVersionCommand({ PolicyArn: mineA, PolicyDocument: adminDoc, SetAsDefault: true }),
      ),
      without,
      'iam:CreatePolicyVersion',
      mineA,
    );
    const versions = await root().send(new ListPolicyVersionsCommand({ PolicyArn: mineA }));
    assert.equal(versions.Versions?.length, 1, 'no version was added');
    assert.equal(await isAdmin(without), false);

    await expectOk(
      withIt.iam.send(
        new CreatePolicyVersionCommand({ PolicyArn: mineB, PolicyDocument: adminDoc, SetAsDefault: true }),
      ),
    );
    assert.equal(await isAdmin(withIt), true, 'the new default version applies at once');
  });
});

describe('SetDefaultPolicyVersion to a more permissive version', () => {
  it('needs iam:SetDefaultPolicyVersion on that policy', async () => {
    const without = await newCaller(s(), 'sdv-without');
    const withIt = await newCaller(s(), 'sdv-with');
    const setUp = async (c: Caller, name: string): Promise<string> => {
      const arn = await attachNew(root(), c.name, name, doc(allow('iam:GetUser', userArn(c.name))));
      await root().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow('*')) }));
      return arn;
    };
    const mineA = await setUp(without, 'sdv-A');
    const mineB = await setUp(withIt, 'sdv-B');
    await putInline(
      root(),
      without.name,
      'Decoy',
      doc(
        allow(
          ['iam:CreatePolicyVersion', 'iam:GetPolicy', 'iam:ListPolicyVersions', 'iam:DeletePolicyVersion'],
          mineA,
        ),
        allow('iam:SetDefaultPolicyVersion', mineB),
      ),
    );
    await putInline(root(), withIt.name, 'Exact', doc(allow('iam:SetDefaultPolicyVersion', mineB)));

    await expectDenied(
      without.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: mineA, VersionId: 'v2' })),
      without,
      'iam:SetDefaultPolicyVersion',
      mineA,
    );
    const policy = await root().send(new GetPolicyCommand({ PolicyArn: mineA }));
    assert.equal(policy.Policy?.DefaultVersionId, 'v1');
    assert.equal(await isAdmin(without), false);

    await expectOk(
      withIt.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: mineB, VersionId: 'v2' })),
    );
    assert.equal(await isAdmin(withIt), true);
  });
});

describe('credentials of another (administrator) user', () => {
  it('CreateAccessKey for the admin needs iam:CreateAccessKey on the admin', async () => {
    const { without, with: withIt } = await pair(
      'cak',
      doc(
        allow('iam:CreateAccessKey', userArn('SELF')),
        allow(['iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:CreateLoginProfile'], userArn('admin')),
      ),
      doc(allow('iam:CreateAccessKey', userArn('admin'))),
    );
    await expectDenied(
      without.iam.send(new CreateAccessKeyCommand({ UserName: 'admin' })),
      without,
      'iam:CreateAccessKey',
      userArn('admin'),
    );
    const created = await expectOk(withIt.iam.send(new CreateAccessKeyCommand({ UserName: 'admin' })));
    assert.equal(created.AccessKey?.UserName, 'admin');
    const stolen = iamClient(s().warden.endpoint, {
      accessKeyId: created.AccessKey?.AccessKeyId ?? '',
      secretAccessKey: created.AccessKey?.SecretAccessKey ?? '',
    });
    try {
      await expectOk(stolen.send(new CreateUserCommand({ UserName: 'made-with-stolen-key' })));
    } finally {
      stolen.destroy();
    }
  });

  it('CreateLoginProfile for the admin needs iam:CreateLoginProfile on the admin', async () => {
    await root().send(new CreateUserCommand({ UserName: 'admin2' }));
    await root().send(new AttachUserPolicyCommand({ UserName: 'admin2', PolicyArn: ADMIN }));
    const { without, with: withIt } = await pair(
      'clp',
      doc(
        allow('iam:CreateLoginProfile', userArn('SELF')),
        allow(['iam:GetLoginProfile', 'iam:UpdateLoginProfile', 'iam:CreateAccessKey'], userArn('admin2')),
      ),
      doc(allow('iam:CreateLoginProfile', userArn('admin2'))),
    );
    const create = (c: Caller) =>
      c.iam.send(new CreateLoginProfileCommand({ UserName: 'admin2', Password: 'Attacker-Chosen-1' }));
    await expectDenied(create(without), without, 'iam:CreateLoginProfile', userArn('admin2'));
    await assert.rejects(root().send(new GetLoginProfileCommand({ UserName: 'admin2' })), {
      name: 'NoSuchEntityException',
    });
    await expectOk(create(withIt));
    const profile = await root().send(new GetLoginProfileCommand({ UserName: 'admin2' }));
    assert.equal(profile.LoginProfile?.UserName, 'admin2');
  });

  it('UpdateLoginProfile of the admin needs iam:UpdateLoginProfile on the admin', async () => {
    await root().send(new CreateUserCommand({ UserName: 'admin3' }));
    await root().send(new AttachUserPolicyCommand({ UserName: 'admin3', PolicyArn: ADMIN }));
    await root().send(new CreateLoginProfileCommand({ UserName: 'admin3', Password: 'Original-Secret-9' }));
    const { without, with: withIt } = await pair(
      'ulp',
      doc(
        allow('iam:UpdateLoginProfile', userArn('SELF')),
        allow(['iam:GetLoginProfile', 'iam:CreateLoginProfile', 'iam:DeleteLoginProfile'], userArn('admin3')),
      ),
      doc(allow('iam:UpdateLoginProfile', userArn('admin3'))),
    );
    const update = (c: Caller) =>
      c.iam.send(new UpdateLoginProfileCommand({ UserName: 'admin3', Password: 'Attacker-Chosen-2' }));
    await expectDenied(update(without), without, 'iam:UpdateLoginProfile', userArn('admin3'));
    await expectOk(update(withIt));
  });
});

describe('policies on self', () => {
  it('AttachUserPolicy of AdministratorAccess to self needs iam:AttachUserPolicy on self', async () => {
    const { without, with: withIt } = await pair(
      'aup',
      doc(
        allow(['iam:AttachGroupPolicy', 'iam:PutUserPolicy', 'iam:ListAttachedUserPolicies'], '*'),
        allow('iam:AttachUserPolicy', userArn('someone-else')),
      ),
      doc(allow('iam:AttachUserPolicy', userArn('SELF'))),
    );
    await expectDenied(
      without.iam.send(new AttachUserPolicyCommand({ UserName: without.name, PolicyArn: ADMIN })),
      without,
      'iam:AttachUserPolicy',
      without.arn,
    );
    const attached = await root().send(new ListAttachedUserPoliciesCommand({ UserName: without.name }));
    assert.deepEqual(attached.AttachedPolicies, []);
    assert.equal(await isAdmin(without), false);
    await expectOk(withIt.iam.send(new AttachUserPolicyCommand({ UserName: withIt.name, PolicyArn: ADMIN })));
    assert.equal(await isAdmin(withIt), true);
  });

  it('PutUserPolicy on self needs iam:PutUserPolicy on self', async () => {
    const { without, with: withIt } = await pair(
      'pup',
      doc(
        allow(
          ['iam:AttachUserPolicy', 'iam:PutGroupPolicy', 'iam:GetUserPolicy', 'iam:ListUserPolicies'],
          '*',
        ),
        allow('iam:PutUserPolicy', userArn('someone-else')),
      ),
      doc(allow('iam:PutUserPolicy', userArn('SELF'))),
    );
    const grab = (c: Caller) => putInline(c.iam, c.name, 'Grab', doc(allow('*')));
    await expectDenied(grab(without), without, 'iam:PutUserPolicy', without.arn);
    const names = await root().send(new ListUserPoliciesCommand({ UserName: without.name }));
    assert.deepEqual(names.PolicyNames, ['Decoy']);
    assert.equal(await isAdmin(without), false);
    await expectOk(grab(withIt));
    assert.equal(await isAdmin(withIt), true);
  });
});

describe('policies on own group', () => {
  it('AttachGroupPolicy on own group needs iam:AttachGroupPolicy on that group', async () => {
    const { without, with: withIt } = await pair(
      'agp',
      doc(
        allow(['iam:AttachUserPolicy', 'iam:PutGroupPolicy', 'iam:ListAttachedGroupPolicies'], '*'),
        allow('iam:AttachGroupPolicy', groupArn('other-group')),
      ),
      doc(allow('iam:AttachGroupPolicy', groupArn('agp-with-group'))),
    );
    for (const c of [without, withIt]) {
      await root().send(new CreateGroupCommand({ GroupName: `${c.name}-group` }));
      await root().send(new AddUserToGroupCommand({ GroupName: `${c.name}-group`, UserName: c.name }));
    }
    await expectDenied(
      without.iam.send(new AttachGroupPolicyCommand({ GroupName: 'agp-without-group', PolicyArn: ADMIN })),
      without,
      'iam:AttachGroupPolicy',
      groupArn('agp-without-group'),
    );
    const attached = await root().send(
      new ListAttachedGroupPoliciesCommand({ GroupName: 'agp-without-group' }),
    );
    assert.deepEqual(attached.AttachedPolicies, []);
    assert.equal(await isAdmin(without), false);
    await expectOk(
      withIt.iam.send(new AttachGroupPolicyCommand({ GroupName: 'agp-with-group', PolicyArn: ADMIN })),
    );
    assert.equal(await isAdmin(withIt), true);
  });

  it('PutGroupPolicy on own group needs iam:PutGroupPolicy on that group', async () => {
    const { without, with: withIt } = await pair(
      'pgp',
      doc(
        allow(['iam:PutUserPolicy', 'iam:AttachGroupPolicy', 'iam:GetGroupPolicy'], '*'),
        allow('iam:PutGroupPolicy', groupArn('other-group')),
      ),
      doc(allow('iam:PutGroupPolicy', groupArn('pgp-with-group'))),
    );
    for (const c of [without, withIt]) {
      await root().send(new CreateGroupCommand({ GroupName: `${c.name}-group` }));
      await root().send(new AddUserToGroupCommand({ GroupName: `${c.name}-group`, UserName: c.name }));
    }
    const grab = (c: Caller) =>
      c.iam.send(
        new PutGroupPolicyCommand({
          GroupName: `${c.name}-group`,
          PolicyName: 'Grab',
          PolicyDocument: doc(allow('*')),
        }),
      );
    await expectDenied(grab(without), without, 'iam:PutGroupPolicy', groupArn('pgp-without-group'));
    const names = await root().send(new ListGroupPoliciesCommand({ GroupName: 'pgp-without-group' }));
    assert.deepEqual(names.PolicyNames, []);
    assert.equal(await isAdmin(without), false);
    await expectOk(grab(withIt));
    assert.equal(await isAdmin(withIt), true);
  });
});

describe('AddUserToGroup into an administrators group', () => {
  it('needs iam:AddUserToGroup on that group', async () => {
    await root().send(new CreateGroupCommand({ GroupName: 'harmless' }));
    const { without, with: withIt } = await pair(
      'autg',
      doc(
        allow('iam:AddUserToGroup', groupArn('harmless')),
        allow(['iam:GetGroup', 'iam:RemoveUserFromGroup', 'iam:AttachGroupPolicy'], groupArn('admins')),
      ),
      doc(allow('iam:AddUserToGroup', groupArn('admins'))),
    );
    await expectOk(
      without.iam.send(new AddUserToGroupCommand({ GroupName: 'harmless', UserName: without.name })),
    );
    await expectDenied(
      without.iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: without.name })),
      without,
      'iam:AddUserToGroup',
      groupArn('admins'),
    );
    const members = await root().send(new GetGroupCommand({ GroupName: 'admins' }));
    assert.ok(!members.Users?.some((u) => u.UserName === without.name));
    assert.equal(await isAdmin(without), false);
    await expectOk(
      withIt.iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: withIt.name })),
    );
    assert.equal(await isAdmin(withIt), true);
  });
});

describe('permissions boundary on self', () => {
  let tight: string;
  before(async () => {
    tight = await createPolicy(root(), 'TightBoundary', doc(allow(['iam:GetUser', 'iam:ListUsers'])));
  });

  /** An AdministratorAccess user held back by a boundary that also allows `extra`. */
  async function boundedAdmin(name: string, extra: string[]): Promise<Caller> {
    const boundary =
      extra.length === 0
        ? tight
        : await createPolicy(
            root(),
            `${name}-boundary`,
            doc(allow(['iam:GetUser', 'iam:ListUsers', ...extra])),
          );
    const c = await newCaller(s(), name, { boundary });
    await root().send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: ADMIN }));
    assert.equal(await isAdmin(c), false, 'the boundary holds');
    return c;
  }

  it('PutUserPermissionsBoundary on self needs iam:PutUserPermissionsBoundary (within the boundary too)', async () => {
    const without = await boundedAdmin('pupb-without', [
      'iam:DeleteUserPermissionsBoundary',
      'iam:CreatePolicyVersion',
    ]);
    const withIt = await boundedAdmin('pupb-with', ['iam:PutUserPermissionsBoundary']);
    const replace = (c: Caller) =>
      c.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: c.name, PermissionsBoundary: ADMIN }));
    await expectDenied(
      replace(without),
      without,
      'iam:PutUserPermissionsBoundary',
      without.arn,
      'no-boundary',
    );
    const user = await root().send(new GetUserCommand({ UserName: without.name }));
    assert.equal(user.User?.PermissionsBoundary?.PermissionsBoundaryArn, policyArn('pupb-without-boundary'));
    await expectOk(replace(withIt));
    assert.equal(await isAdmin(withIt), true);
  });

  it('DeleteUserPermissionsBoundary on self needs iam:DeleteUserPermissionsBoundary (within the boundary too)', async () => {
    const without = await boundedAdmin('dupb-without', [
      'iam:PutUserPermissionsBoundary',
      'iam:DeletePolicy',
    ]);
    const withIt = await boundedAdmin('dupb-with', ['iam:DeleteUserPermissionsBoundary']);
    const remove = (c: Caller) => c.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: c.name }));
    await expectDenied(
      remove(without),
      without,
      'iam:DeleteUserPermissionsBoundary',
      without.arn,
      'no-boundary',
    );
    const user = await root().send(new GetUserCommand({ UserName: without.name }));
    assert.equal(user.User?.PermissionsBoundary?.PermissionsBoundaryArn, policyArn('dupb-without-boundary'));
    await expectOk(remove(withIt));
    assert.equal(await isAdmin(withIt), true);
  });

  it('without any boundary permission an identity Allow of the action is not enough', async () => {
    const c = await boundedAdmin('pb-tight', []);
    await expectDenied(
      c.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: c.name })),
      c,
      'iam:DeleteUserPermissionsBoundary',
      c.arn,
      'no-boundary',
    );
  });
});

describe('a delegated admin restricted by iam:PermissionsBoundary', () => {
  let delegate: Caller;
  let boundary: string;
  before(async () => {
    boundary = await createPolicy(root(), 'Boundary', doc(allow(['iam:GetUser', 'iam:ListUsers'])));
    assert.equal(boundary, policyArn('Boundary'));
    delegate = await newCaller(s(), 'delegate');
    await putInline(
      root(),
      'delegate',
      'DelegatedAdmin',
      doc(
        allow(['iam:CreateUser', 'iam:PutUserPermissionsBoundary'], userArn('*'), {
          StringEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::123456789012:policy/Boundary` },
        }),
        allow(['iam:GetUser', 'iam:ListUsers', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], userArn('*')),
        deny(
          ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy'],
          policyArn('Boundary'),
        ),
      ),
    );
  });

  it('cannot create a user without the boundary, or with another one', async () => {
    await expectDenied(
      delegate.iam.send(new CreateUserCommand({ UserName: 'unbounded' })),
      delegate,
      'iam:CreateUser',
      userArn('unbounded'),
    );
    await expectDenied(
      delegate.iam.send(new CreateUserCommand({ UserName: 'admin-bounded', PermissionsBoundary: ADMIN })),
      delegate,
      'iam:CreateUser',
      userArn('admin-bounded'),
    );
    await assert.rejects(root().send(new GetUserCommand({ UserName: 'unbounded' })), {
      name: 'NoSuchEntityException',
    });
  });

  it('can create one with the boundary, and that user stays inside it even with AdministratorAccess', async () => {
    const created = await expectOk(
      delegate.iam.send(new CreateUserCommand({ UserName: 'bounded-hire', PermissionsBoundary: boundary })),
    );
    assert.equal(created.User?.PermissionsBoundary?.PermissionsBoundaryArn, boundary);
    await expectOk(
      delegate.iam.send(new AttachUserPolicyCommand({ UserName: 'bounded-hire', PolicyArn: ADMIN })),
    );
    const key = await expectOk(delegate.iam.send(new CreateAccessKeyCommand({ UserName: 'bounded-hire' })));
    const hire = iamClient(s().warden.endpoint, {
      accessKeyId: key.AccessKey?.AccessKeyId ?? '',
      secretAccessKey: key.AccessKey?.SecretAccessKey ?? '',
    });
    try {
      await expectOk(hire.send(new GetUserCommand({})));
      await expectDenied(
        hire.send(new CreateUserCommand({ UserName: 'hire-made' })),
        { arn: userArn('bounded-hire') },
        'iam:CreateUser',
        userArn('hire-made'),
        'no-boundary',
      );
    } finally {
      hire.destroy();
    }
  });

  it('cannot remove the boundary, swap it, or rewrite the boundary policy', async () => {
    await expectDenied(
      delegate.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'bounded-hire' })),
      delegate,
      'iam:DeleteUserPermissionsBoundary',
      userArn('bounded-hire'),
    );
    await expectDenied(
      delegate.iam.send(
        new PutUserPermissionsBoundaryCommand({ UserName: 'bounded-hire', PermissionsBoundary: ADMIN }),
      ),
      delegate,
      'iam:PutUserPermissionsBoundary',
      userArn('bounded-hire'),
    );
    await expectDenied(
      delegate.iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: boundary,
          PolicyDocument: doc(allow('*')),
          SetAsDefault: true,
        }),
      ),
      delegate,
      'iam:CreatePolicyVersion',
      boundary,
      'explicit-identity',
    );
    const user = await root().send(new GetUserCommand({ UserName: 'bounded-hire' }));
    assert.equal(user.User?.PermissionsBoundary?.PermissionsBoundaryArn, boundary);
    // Setting the same boundary again is what the condition allows.
    await expectOk(
      delegate.iam.send(
        new PutUserPermissionsBoundaryCommand({ UserName: 'bounded-hire', PermissionsBoundary: boundary }),
      ),
    );
  });

  it('AWS documented guard: an explicit Deny of DeleteUserPermissionsBoundary keyed on iam:PermissionsBoundary', async () => {
    await putInline(
      root(),
      'delegate',
      'Guard',
      doc(
        allow('iam:DeleteUserPermissionsBoundary', userArn('*')),
        deny('iam:DeleteUserPermissionsBoundary', userArn('*'), {
          StringEquals: { 'iam:PermissionsBoundary': policyArn('Boundary') },
        }),
      ),
    );
    await expectDenied(
      delegate.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'bounded-hire' })),
      delegate,
      'iam:DeleteUserPermissionsBoundary',
      userArn('bounded-hire'),
      'explicit-identity',
    );
    // A user under another boundary is not covered by the Deny: the Allow lets it through.
    const other = await createPolicy(root(), 'OtherBoundary', doc(allow('iam:GetUser')));
    await root().send(new CreateUserCommand({ UserName: 'other-bounded', PermissionsBoundary: other }));
    await expectOk(
      delegate.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'other-bounded' })),
    );
    const user = await root().send(new GetUserCommand({ UserName: 'bounded-hire' }));
    assert.equal(user.User?.PermissionsBoundary?.PermissionsBoundaryArn, boundary);
  });
});

describe('the delegated administrator of the AWS User Guide (permissions boundaries example)', () => {
  let shirley: Caller;
  let xBoundary: string;
  before(async () => {
    xBoundary = await createPolicy(
      root(),
      'XCompanyBoundaries',
      doc(allow(['iam:GetUser', 'iam:ListUsers'])),
    );
    shirley = await newCaller(s(), 'ShirleyRodriguez');
    await putInline(
      root(),
      shirley.name,
      'DelegatedUserBoundary',
      doc(
        {
          Sid: 'CreateOrChangeOnlyWithBoundary',
          Effect: 'Allow',
          Action: [
            'iam:CreateUser',
            'iam:DeleteUserPolicy',
            'iam:AttachUserPolicy',
            'iam:DetachUserPolicy',
            'iam:PutUserPermissionsBoundary',
            'iam:PutUserPolicy',
          ],
          Resource: '*',
          Condition: { StringEquals: { 'iam:PermissionsBoundary': xBoundary } },
        },
        {
          Sid: 'CloudWatchAndOtherIAMTasks',
          Effect: 'Allow',
          Action: ['iam:GetUser', 'iam:ListUsers', 'iam:DeleteUser', 'iam:UpdateUser', 'iam:CreateAccessKey'],
          Resource: '*',
        },
        {
          Sid: 'NoBoundaryPolicyEdit',
          Effect: 'Deny',
          Action: [
            'iam:CreatePolicyVersion',
            'iam:DeletePolicy',
            'iam:DeletePolicyVersion',
            'iam:SetDefaultPolicyVersion',
          ],
          Resource: [xBoundary, policyArn('DelegatedUserBoundary')],
        },
        {
          Sid: 'NoBoundaryUserDelete',
          Effect: 'Deny',
          Action: 'iam:DeleteUserPermissionsBoundary',
          Resource: '*',
        },
      ),
    );
  });

  it('manages the policies of bounded users only: not its own (it has no boundary)', async () => {
    await expectOk(
      shirley.iam.send(new CreateUserCommand({ UserName: 'x-hire', PermissionsBoundary: xBoundary })),
    );
    await expectOk(shirley.iam.send(new AttachUserPolicyCommand({ UserName: 'x-hire', PolicyArn: ADMIN })));
    await expectOk(putInline(shirley.iam, 'x-hire', 'extra', doc(allow('iam:ListUsers'))));
    await expectDenied(
      shirley.iam.send(new AttachUserPolicyCommand({ UserName: shirley.name, PolicyArn: ADMIN })),
      shirley,
      'iam:AttachUserPolicy',
      shirley.arn,
    );
    await expectDenied(
      putInline(shirley.iam, shirley.name, 'grab', doc(allow('*'))),
      shirley,
      'iam:PutUserPolicy',
      shirley.arn,
    );
    await root().send(new CreateUserCommand({ UserName: 'x-unbounded' }));
    await expectDenied(
      shirley.iam.send(new AttachUserPolicyCommand({ UserName: 'x-unbounded', PolicyArn: ADMIN })),
      shirley,
      'iam:AttachUserPolicy',
      userArn('x-unbounded'),
    );
    // Giving the unbounded user the boundary is allowed, and then its policies are hers to manage.
    await expectOk(
      shirley.iam.send(
        new PutUserPermissionsBoundaryCommand({ UserName: 'x-unbounded', PermissionsBoundary: xBoundary }),
      ),
    );
    await expectOk(
      shirley.iam.send(new AttachUserPolicyCommand({ UserName: 'x-unbounded', PolicyArn: ADMIN })),
    );
    assert.equal(await isAdmin(shirley), false);
  });

  it('cannot take the boundary off anyone, nor edit the boundary policy or her own policy', async () => {
    await expectDenied(
      shirley.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'x-hire' })),
      shirley,
      'iam:DeleteUserPermissionsBoundary',
      userArn('x-hire'),
      'explicit-identity',
    );
    await expectDenied(
      shirley.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: xBoundary, VersionId: 'v1' })),
      shirley,
      'iam:SetDefaultPolicyVersion',
      xBoundary,
      'explicit-identity',
    );
    await expectDenied(
      shirley.iam.send(
        new PutUserPermissionsBoundaryCommand({ UserName: 'x-hire', PermissionsBoundary: ADMIN }),
      ),
      shirley,
      'iam:PutUserPermissionsBoundary',
      userArn('x-hire'),
    );
    const user = await root().send(new GetUserCommand({ UserName: 'x-hire' }));
    assert.equal(user.User?.PermissionsBoundary?.PermissionsBoundaryArn, xBoundary);
  });
});

describe('removing a Deny that holds the caller back', () => {
  /** A caller allowed iam:CreateUser but denied it by `install(name)`; `extra` is its other grant. */
  async function heldBack(
    name: string,
    extra: Statement[],
    install: (name: string) => Promise<unknown>,
  ): Promise<Caller> {
    const c = await newCaller(s(), name);
    await putInline(root(), name, 'Base', doc(allow('iam:CreateUser'), ...extra));
    await install(name);
    assert.equal(await isAdmin(c), false);
    return c;
  }

  it('DeleteUserPolicy of the inline Deny needs iam:DeleteUserPolicy on self', async () => {
    const guard = (name: string) => putInline(root(), name, 'Guard', doc(deny('iam:CreateUser')));
    const without = await heldBack(
      'dup-without',
      [allow('iam:DeleteUserPolicy', userArn('other')), allow('iam:PutUserPolicy', userArn('other'))],
      guard,
    );
    const withIt = await heldBack('dup-with', [allow('iam:DeleteUserPolicy', userArn('dup-with'))], guard);
    const remove = (c: Caller) =>
      c.iam.send(new DeleteUserPolicyCommand({ UserName: c.name, PolicyName: 'Guard' }));
    await expectDenied(remove(without), without, 'iam:DeleteUserPolicy', without.arn);
    assert.equal(await isAdmin(without), false);
    await expectOk(remove(withIt));
    assert.equal(await isAdmin(withIt), true);
  });

  it('DetachUserPolicy of the managed Deny needs iam:DetachUserPolicy on self', async () => {
    const guardArn = await createPolicy(root(), 'DenyCreateUser', doc(deny('iam:CreateUser')));
    const guard = (name: string) =>
      root().send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: guardArn }));
    const without = await heldBack(
      'dtup-without',
      [allow('iam:AttachUserPolicy', userArn('dtup-without'))],
      guard,
    );
    const withIt = await heldBack('dtup-with', [allow('iam:DetachUserPolicy', userArn('dtup-with'))], guard);
    const detach = (c: Caller) =>
      c.iam.send(new DetachUserPolicyCommand({ UserName: c.name, PolicyArn: guardArn }));
    await expectDenied(detach(without), without, 'iam:DetachUserPolicy', without.arn);
    assert.equal(await isAdmin(without), false);
    await expectOk(detach(withIt));
    assert.equal(await isAdmin(withIt), true);
  });

  it('RemoveUserFromGroup of a group carrying a Deny needs iam:RemoveUserFromGroup on that group', async () => {
    await root().send(new CreateGroupCommand({ GroupName: 'restricted' }));
    await root().send(
      new PutGroupPolicyCommand({
        GroupName: 'restricted',
        PolicyName: 'NoCreate',
        PolicyDocument: doc(deny('iam:CreateUser')),
      }),
    );
    const guard = (name: string) =>
      root().send(new AddUserToGroupCommand({ GroupName: 'restricted', UserName: name }));
    const without = await heldBack(
      'rufg-without',
      [
        allow('iam:RemoveUserFromGroup', groupArn('admins')),
        allow('iam:DeleteGroupPolicy', groupArn('other')),
      ],
      guard,
    );
    const withIt = await heldBack(
      'rufg-with',
      [allow('iam:RemoveUserFromGroup', groupArn('restricted'))],
      guard,
    );
    const leave = (c: Caller) =>
      c.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'restricted', UserName: c.name }));
    await expectDenied(leave(without), without, 'iam:RemoveUserFromGroup', groupArn('restricted'));
    assert.equal(await isAdmin(without), false);
    await expectOk(leave(withIt));
    assert.equal(await isAdmin(withIt), true);
  });

  it('DeleteGroupPolicy / DetachGroupPolicy on own group need that exact permission', async () => {
    const guardArn = policyArn('DenyCreateUser');
    const setUp = async (name: string) => {
      await root().send(new CreateGroupCommand({ GroupName: `${name}-g` }));
      await root().send(
        new PutGroupPolicyCommand({
          GroupName: `${name}-g`,
          PolicyName: 'NoCreate',
          PolicyDocument: doc(deny('iam:CreateUser')),
        }),
      );
      await root().send(new AttachGroupPolicyCommand({ GroupName: `${name}-g`, PolicyArn: guardArn }));
      await root().send(new AddUserToGroupCommand({ GroupName: `${name}-g`, UserName: name }));
    };
    const without = await heldBack(
      'dgp-without',
      [allow('iam:DeleteGroupPolicy', groupArn('dgp-without-g'))],
      setUp,
    );
    const withIt = await heldBack(
      'dgp-with',
      [allow(['iam:DeleteGroupPolicy', 'iam:DetachGroupPolicy'], groupArn('dgp-with-g'))],
      setUp,
    );
    // Half the permission removes half the Deny: still held back.
    await expectOk(
      without.iam.send(new DeleteGroupPolicyCommand({ GroupName: 'dgp-without-g', PolicyName: 'NoCreate' })),
    );
    await expectDenied(
      without.iam.send(new DetachGroupPolicyCommand({ GroupName: 'dgp-without-g', PolicyArn: guardArn })),
      without,
      'iam:DetachGroupPolicy',
      groupArn('dgp-without-g'),
    );
    assert.equal(await isAdmin(without), false);
    await expectOk(
      withIt.iam.send(new DeleteGroupPolicyCommand({ GroupName: 'dgp-with-g', PolicyName: 'NoCreate' })),
    );
    assert.equal(await isAdmin(withIt), false, 'the attached Deny still holds');
    await expectOk(
      withIt.iam.send(new DetachGroupPolicyCommand({ GroupName: 'dgp-with-g', PolicyArn: guardArn })),
    );
    assert.equal(await isAdmin(withIt), true);
  });
});
