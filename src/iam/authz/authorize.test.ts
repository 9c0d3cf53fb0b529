import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { GetCallerIdentity } from '../../sts/actions/get-caller-identity.ts';
import * as iam from '../actions/index.ts';
import type { ActionDefinition, Caller } from '../action.ts';
import { iamActions } from '../registry.ts';
import { harnessWith, wardenError, type Harness } from '../testing/harness.ts';
import type { Decision, DecidingKind, Effect } from '../../policy/index.ts';
import { authorize, authorizeAction, type Decide } from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';

const decision = (effect: Effect, decidedBy: DecidingKind = 'identity'): Decision => ({
  effect,
  decidedBy,
  matched: [],
  missingContextKeys: [],
});
const allow = decision('Allow');

/** A decider that must not be consulted. */
const unreachable: Decide = () => Promise.reject(new Error('the decider was consulted'));

/**
 * The permission/resource table: what each action is authorized on (AWS's Service Authorization
 * Reference), seen through the AccessDenied message an IAM user without policies gets. The world:
 * alice at /eng/ with an access key, group devs at /teams/.
 */
/** Each action's input type differs; the table erases them (the inputs are right by construction). */
type SomeAction = ActionDefinition<Record<string, unknown>, unknown>;
const erase = (action: object): SomeAction => action as SomeAction;

const RESOURCES: [SomeAction, Record<string, unknown>, string][] = [
  [erase(iam.CreateUser), { UserName: 'carol', Path: '/new/' }, `${ACCT}:user/new/carol`],
  [erase(iam.GetUser), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.GetUser), {}, `${ACCT}:user/bob`],
  [erase(iam.ListUsers), {}, `${ACCT}:user/`],
  [erase(iam.ListUsers), { PathPrefix: '/eng/' }, `${ACCT}:user/eng/`],
  [erase(iam.UpdateUser), { UserName: 'ALICE', NewUserName: 'x' }, `${ACCT}:user/eng/alice`],
  [erase(iam.DeleteUser), { UserName: 'ghost' }, `${ACCT}:user/ghost`],
  [erase(iam.TagUser), { UserName: 'alice', Tags: [] }, `${ACCT}:user/eng/alice`],
  [erase(iam.UntagUser), { UserName: 'alice', TagKeys: [] }, `${ACCT}:user/eng/alice`],
  [erase(iam.ListUserTags), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.CreateGroup), { GroupName: 'ops' }, `${ACCT}:group/ops`],
  [erase(iam.GetGroup), { GroupName: 'devs' }, `${ACCT}:group/teams/devs`],
  [erase(iam.ListGroups), {}, `${ACCT}:group/`],
  [erase(iam.UpdateGroup), { GroupName: 'devs' }, `${ACCT}:group/teams/devs`],
  [erase(iam.DeleteGroup), { GroupName: 'devs' }, `${ACCT}:group/teams/devs`],
  [erase(iam.AddUserToGroup), { GroupName: 'devs', UserName: 'alice' }, `${ACCT}:group/teams/devs`],
  [erase(iam.RemoveUserFromGroup), { GroupName: 'devs', UserName: 'alice' }, `${ACCT}:group/teams/devs`],
  [erase(iam.ListGroupsForUser), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.CreateAccessKey), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.CreateAccessKey), {}, `${ACCT}:user/bob`],
  [erase(iam.ListAccessKeys), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.UpdateAccessKey), { AccessKeyId: 'AKIAEXAMPLEEXAMPLE', Status: 'Active' }, `${ACCT}:user/bob`],
  [
    erase(iam.DeleteAccessKey),
    { UserName: 'alice', AccessKeyId: 'AKIAEXAMPLEEXAMPLE' },
    `${ACCT}:user/eng/alice`,
  ],
  [erase(iam.GetAccessKeyLastUsed), { AccessKeyId: 'ALICEKEY' }, `${ACCT}:user/eng/alice`],
  [erase(iam.GetAccessKeyLastUsed), { AccessKeyId: 'AKIAUNKNOWNUNKNOWN' }, '*'],
  [erase(iam.CreateLoginProfile), { UserName: 'alice', Password: 'x' }, `${ACCT}:user/eng/alice`],
  [erase(iam.GetLoginProfile), {}, `${ACCT}:user/bob`],
  [erase(iam.UpdateLoginProfile), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.DeleteLoginProfile), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.CreateAccountAlias), { AccountAlias: 'abc' }, '*'],
  [erase(iam.DeleteAccountAlias), { AccountAlias: 'abc' }, '*'],
  [erase(iam.ListAccountAliases), {}, '*'],
  [erase(iam.GetAccountSummary), {}, '*'],
  [erase(iam.GenerateCredentialReport), {}, '*'],
  [erase(iam.GetCredentialReport), {}, '*'],
  [erase(iam.CreatePolicy), { PolicyName: 'p', Path: '/a/', PolicyDocument: '{}' }, `${ACCT}:policy/a/p`],
  [erase(iam.GetPolicy), { PolicyArn: `${ACCT}:policy/p` }, `${ACCT}:policy/p`],
  [erase(iam.ListPolicies), {}, '*'],
  [erase(iam.DeletePolicy), { PolicyArn: `${ACCT}:policy/p` }, `${ACCT}:policy/p`],
  [erase(iam.TagPolicy), { PolicyArn: `${ACCT}:policy/p`, Tags: [] }, `${ACCT}:policy/p`],
  [erase(iam.UntagPolicy), { PolicyArn: `${ACCT}:policy/p`, TagKeys: [] }, `${ACCT}:policy/p`],
  [erase(iam.ListPolicyTags), { PolicyArn: `${ACCT}:policy/p` }, `${ACCT}:policy/p`],
  [
    erase(iam.CreatePolicyVersion),
    { PolicyArn: `${ACCT}:policy/p`, PolicyDocument: '{}' },
    `${ACCT}:policy/p`,
  ],
  [erase(iam.GetPolicyVersion), { PolicyArn: `${ACCT}:policy/p`, VersionId: 'v1' }, `${ACCT}:policy/p`],
  [erase(iam.ListPolicyVersions), { PolicyArn: `${ACCT}:policy/p` }, `${ACCT}:policy/p`],
  [erase(iam.DeletePolicyVersion), { PolicyArn: `${ACCT}:policy/p`, VersionId: 'v1' }, `${ACCT}:policy/p`],
  [
    erase(iam.SetDefaultPolicyVersion),
    { PolicyArn: `${ACCT}:policy/p`, VersionId: 'v1' },
    `${ACCT}:policy/p`,
  ],
  [
    erase(iam.AttachUserPolicy),
    { UserName: 'alice', PolicyArn: `${ACCT}:policy/p` },
    `${ACCT}:user/eng/alice`,
  ],
  [
    erase(iam.DetachUserPolicy),
    { UserName: 'alice', PolicyArn: `${ACCT}:policy/p` },
    `${ACCT}:user/eng/alice`,
  ],
  [erase(iam.ListAttachedUserPolicies), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [
    erase(iam.AttachGroupPolicy),
    { GroupName: 'devs', PolicyArn: `${ACCT}:policy/p` },
    `${ACCT}:group/teams/devs`,
  ],
  [
    erase(iam.DetachGroupPolicy),
    { GroupName: 'devs', PolicyArn: `${ACCT}:policy/p` },
    `${ACCT}:group/teams/devs`,
  ],
  [erase(iam.ListAttachedGroupPolicies), { GroupName: 'devs' }, `${ACCT}:group/teams/devs`],
  [erase(iam.ListEntitiesForPolicy), { PolicyArn: `${ACCT}:policy/p` }, `${ACCT}:policy/p`],
  [
    erase(iam.PutUserPolicy),
    { UserName: 'alice', PolicyName: 'x', PolicyDocument: '{}' },
    `${ACCT}:user/eng/alice`,
  ],
  [erase(iam.GetUserPolicy), { UserName: 'alice', PolicyName: 'x' }, `${ACCT}:user/eng/alice`],
  [erase(iam.DeleteUserPolicy), { UserName: 'alice', PolicyName: 'x' }, `${ACCT}:user/eng/alice`],
  [erase(iam.ListUserPolicies), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [
    erase(iam.PutGroupPolicy),
    { GroupName: 'devs', PolicyName: 'x', PolicyDocument: '{}' },
    `${ACCT}:group/teams/devs`,
  ],
  [erase(iam.GetGroupPolicy), { GroupName: 'devs', PolicyName: 'x' }, `${ACCT}:group/teams/devs`],
  [erase(iam.DeleteGroupPolicy), { GroupName: 'devs', PolicyName: 'x' }, `${ACCT}:group/teams/devs`],
  [erase(iam.ListGroupPolicies), { GroupName: 'devs' }, `${ACCT}:group/teams/devs`],
  [
    erase(iam.PutUserPermissionsBoundary),
    { UserName: 'alice', PermissionsBoundary: `${ACCT}:policy/p` },
    `${ACCT}:user/eng/alice`,
  ],
  [erase(iam.DeleteUserPermissionsBoundary), { UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.GetAccountAuthorizationDetails), {}, '*'],
  [
    erase(iam.SimulatePrincipalPolicy),
    { PolicySourceArn: `${ACCT}:user/eng/alice`, ActionNames: ['iam:GetUser'] },
    `${ACCT}:user/eng/alice`,
  ],
  [erase(iam.SimulateCustomPolicy), { PolicyInputList: ['{}'], ActionNames: ['iam:GetUser'] }, '*'],
  [
    erase(iam.GetContextKeysForPrincipalPolicy),
    { PolicySourceArn: `${ACCT}:group/teams/devs` },
    `${ACCT}:group/teams/devs`,
  ],
  [erase(iam.GetContextKeysForCustomPolicy), { PolicyInputList: ['{}'] }, '*'],
  [erase(iam.UpdateAccountPasswordPolicy), { MinimumPasswordLength: 8 }, '*'],
  [erase(iam.GetAccountPasswordPolicy), {}, '*'],
  [erase(iam.DeleteAccountPasswordPolicy), {}, '*'],
  [erase(iam.ChangePassword), { OldPassword: 'a', NewPassword: 'b' }, `${ACCT}:user/bob`],
  [erase(iam.CreateVirtualMFADevice), { VirtualMFADeviceName: 'd', Path: '/p/' }, `${ACCT}:mfa/p/d`],
  [
    erase(iam.EnableMFADevice),
    { UserName: 'alice', SerialNumber: `${ACCT}:mfa/d`, AuthenticationCode1: '1', AuthenticationCode2: '2' },
    `${ACCT}:user/eng/alice`,
  ],
  [
    erase(iam.ResyncMFADevice),
    { UserName: 'alice', SerialNumber: `${ACCT}:mfa/d`, AuthenticationCode1: '1', AuthenticationCode2: '2' },
    `${ACCT}:user/eng/alice`,
  ],
  [erase(iam.DeactivateMFADevice), { SerialNumber: `${ACCT}:mfa/d` }, `${ACCT}:user/bob`],
  [erase(iam.DeleteVirtualMFADevice), { SerialNumber: `${ACCT}:mfa/d` }, `${ACCT}:mfa/d`],
  [erase(iam.ListMFADevices), {}, `${ACCT}:user/bob`],
  [erase(iam.ListVirtualMFADevices), {}, '*'],
  [erase(iam.GetMFADevice), { SerialNumber: `${ACCT}:mfa/d`, UserName: 'alice' }, `${ACCT}:user/eng/alice`],
  [erase(iam.TagMFADevice), { SerialNumber: `${ACCT}:mfa/d`, Tags: [] }, `${ACCT}:mfa/d`],
  [erase(iam.UntagMFADevice), { SerialNumber: `${ACCT}:mfa/d`, TagKeys: [] }, `${ACCT}:mfa/d`],
  [erase(iam.ListMFADeviceTags), { SerialNumber: `${ACCT}:mfa/d` }, `${ACCT}:mfa/d`],
  [erase(iam.CreateRole), { RoleName: 'r', Path: '/a/', AssumeRolePolicyDocument: '{}' }, `${ACCT}:role/a/r`],
  [erase(iam.GetRole), { RoleName: 'r' }, `${ACCT}:role/r`],
  [erase(iam.ListRoles), {}, `${ACCT}:role/`],
  [erase(iam.ListRoles), { PathPrefix: '/a/' }, `${ACCT}:role/a/`],
  [erase(iam.UpdateRole), { RoleName: 'r' }, `${ACCT}:role/r`],
  [erase(iam.UpdateRoleDescription), { RoleName: 'r', Description: 'd' }, `${ACCT}:role/r`],
  [erase(iam.UpdateAssumeRolePolicy), { RoleName: 'r', PolicyDocument: '{}' }, `${ACCT}:role/r`],
  [erase(iam.DeleteRole), { RoleName: 'r' }, `${ACCT}:role/r`],
  [erase(iam.TagRole), { RoleName: 'r', Tags: [] }, `${ACCT}:role/r`],
  [erase(iam.UntagRole), { RoleName: 'r', TagKeys: [] }, `${ACCT}:role/r`],
  [erase(iam.ListRoleTags), { RoleName: 'r' }, `${ACCT}:role/r`],
  [
    erase(iam.PutRolePermissionsBoundary),
    { RoleName: 'r', PermissionsBoundary: `${ACCT}:policy/p` },
    `${ACCT}:role/r`,
  ],
  [erase(iam.DeleteRolePermissionsBoundary), { RoleName: 'r' }, `${ACCT}:role/r`],
  [erase(iam.AttachRolePolicy), { RoleName: 'r', PolicyArn: `${ACCT}:policy/p` }, `${ACCT}:role/r`],
  [erase(iam.DetachRolePolicy), { RoleName: 'r', PolicyArn: `${ACCT}:policy/p` }, `${ACCT}:role/r`],
  [erase(iam.ListAttachedRolePolicies), { RoleName: 'r' }, `${ACCT}:role/r`],
  [erase(iam.PutRolePolicy), { RoleName: 'r', PolicyName: 'p', PolicyDocument: '{}' }, `${ACCT}:role/r`],
  [erase(iam.GetRolePolicy), { RoleName: 'r', PolicyName: 'p' }, `${ACCT}:role/r`],
  [erase(iam.DeleteRolePolicy), { RoleName: 'r', PolicyName: 'p' }, `${ACCT}:role/r`],
  [erase(iam.ListRolePolicies), { RoleName: 'r' }, `${ACCT}:role/r`],
  [
    erase(iam.CreateInstanceProfile),
    { InstanceProfileName: 'p', Path: '/a/' },
    `${ACCT}:instance-profile/a/p`,
  ],
  [erase(iam.GetInstanceProfile), { InstanceProfileName: 'p' }, `${ACCT}:instance-profile/p`],
  [erase(iam.ListInstanceProfiles), {}, `${ACCT}:instance-profile/`],
  [erase(iam.DeleteInstanceProfile), { InstanceProfileName: 'p' }, `${ACCT}:instance-profile/p`],
  [
    erase(iam.AddRoleToInstanceProfile),
    { InstanceProfileName: 'p', RoleName: 'r' },
    `${ACCT}:instance-profile/p`,
  ],
  [
    erase(iam.RemoveRoleFromInstanceProfile),
    { InstanceProfileName: 'p', RoleName: 'r' },
    `${ACCT}:instance-profile/p`,
  ],
  [erase(iam.ListInstanceProfilesForRole), { RoleName: 'r' }, `${ACCT}:role/r`],
  [erase(iam.TagInstanceProfile), { InstanceProfileName: 'p', Tags: [] }, `${ACCT}:instance-profile/p`],
  [erase(iam.UntagInstanceProfile), { InstanceProfileName: 'p', TagKeys: [] }, `${ACCT}:instance-profile/p`],
  [erase(iam.ListInstanceProfileTags), { InstanceProfileName: 'p' }, `${ACCT}:instance-profile/p`],
  [
    erase(iam.CreateServiceLinkedRole),
    { AWSServiceName: 'ecs.amazonaws.com' },
    `${ACCT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
  ],
  [erase(iam.DeleteServiceLinkedRole), { RoleName: 'r' }, `${ACCT}:role/r`],
  [
    erase(iam.GetServiceLinkedRoleDeletionStatus),
    {
      DeletionTaskId:
        'task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/00000000-0000-4000-8000-000000000000',
    },
    `${ACCT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
  ],
  [
    erase(iam.GenerateServiceLastAccessedDetails),
    { Arn: `${ACCT}:group/teams/devs` },
    `${ACCT}:group/teams/devs`,
  ],
  [erase(iam.GetServiceLastAccessedDetails), { JobId: '00000000-0000-4000-8000-000000000000' }, '*'],
  [
    erase(iam.GetServiceLastAccessedDetailsWithEntities),
    { JobId: '00000000-0000-4000-8000-000000000000', ServiceNamespace: 'iam' },
    '*',
  ],
  [
    erase(iam.ListPoliciesGrantingServiceAccess),
    { Arn: `${ACCT}:user/eng/alice`, ServiceNamespaces: ['iam'] },
    `${ACCT}:user/eng/alice`,
  ],
];

async function world(h: Harness): Promise<Caller> {
  await h.call(iam.CreateUser, { UserName: 'alice', Path: '/eng/' });
  await h.call(iam.CreateUser, { UserName: 'bob' });
  await h.call(iam.CreateGroup, { GroupName: 'devs', Path: '/teams/' });
  const alice = await h.store.transaction((tx) => tx.users.getByName('alice'));
  await h.store.transaction((tx) =>
    tx.accessKeys.insert({
      accessKeyId: 'ALICEKEY',
      owner: alice?.userId ?? '',
      status: 'Active',
      sealedSecret: h.secrets.seal('s'),
      createDate: new Date(),
    }),
  );
  return h.userCaller('bob');
}

describe('authorize', () => {
  test('an IAM user without policies is denied every IAM action, on the right resource, in AWS words', () =>
    withHarness(async (h) => {
      const bob = await world(h);
      for (const [action, input, resource] of RESOURCES) {
        const permission = `iam:${action.name}`;
        await assert.rejects(
          h.call(action, input, bob),
          wardenError(
            'AccessDenied',
            `User: ${ACCT}:user/bob is not authorized to perform: ${permission} on resource: ${resource} ` +
              `because no identity-based policy allows the ${permission} action`,
          ),
          `${action.name} ${JSON.stringify(input)}`,
        );
      }
      // Nothing ran: the denied CreateUser left no user behind.
      assert.equal(await h.store.transaction((tx) => tx.users.getByName('carol')), undefined);
    }));

  test('the table covers every registered IAM action', () => {
    assert.deepEqual(new Set(RESOURCES.map(([a]) => a.name)), new Set(iamActions.keys()));
  });

  test('the root may do everything', () =>
    withHarness(async (h) => {
      for (const action of iamActions.values()) {
        await authorize(h.root, `iam:${action.name}`, `${ACCT}:user/anyone`, unreachable);
      }
      await h.call(iam.CreateUser, { UserName: 'alice' });
    }));

  test('GetCallerIdentity (a null resource) is allowed for anyone', () =>
    withHarness(async (h) => {
      const bob = await world(h);
      assert.equal((await h.call(GetCallerIdentity, {}, bob)).Arn, `${ACCT}:user/bob`);
      await authorize(bob, 'sts:GetCallerIdentity', null, unreachable);
    }));

  test('the decision is pluggable: an allowing decider lets the user through', () =>
    withHarness(async (h) => {
      const bob = await world(h);
      const seen: string[] = [];
      await authorize(bob, 'iam:CreateUser', `${ACCT}:user/x`, (request) => {
        seen.push(`${request.permission} ${request.resource}`);
        return Promise.resolve(allow);
      });
      assert.deepEqual(seen, [`iam:CreateUser ${ACCT}:user/x`]);
      await assert.rejects(
        authorize(bob, 'iam:CreateUser', `${ACCT}:user/x`, () =>
          Promise.resolve(decision('ExplicitDeny', 'boundary')),
        ),
        wardenError('AccessDenied', /with an explicit deny in a permissions boundary$/),
      );
    }));
});

describe('renames need permission on the old and the new name', () => {
  const cases: [SomeAction, Record<string, unknown>, string[]][] = [
    [
      erase(iam.UpdateUser),
      { UserName: 'alice', NewUserName: 'carol' },
      [`${ACCT}:user/eng/alice`, `${ACCT}:user/eng/carol`],
    ],
    [
      erase(iam.UpdateUser),
      { UserName: 'alice', NewPath: '/ops/' },
      [`${ACCT}:user/eng/alice`, `${ACCT}:user/ops/alice`],
    ],
    [erase(iam.UpdateUser), { UserName: 'alice', NewPath: '/eng/' }, [`${ACCT}:user/eng/alice`]],
    [
      erase(iam.UpdateGroup),
      { GroupName: 'devs', NewGroupName: 'ops', NewPath: '/' },
      [`${ACCT}:group/teams/devs`, `${ACCT}:group/ops`],
    ],
  ];
  for (const [action, input, expected] of cases) {
    test(`${action.name} ${JSON.stringify(input)}`, () =>
      withHarness(async (h) => {
        const bob = await world(h);
        const asked: string[] = [];
        const allowAll: Decide = (request) => {
          asked.push(request.resource);
          return Promise.resolve(allow);
        };
        await h.store.transaction((tx) => authorizeAction(action, input, h.context(tx, bob), allowAll));
        assert.deepEqual(asked, expected);
        // Allowed on the source only: denied, naming the target.
        const sourceOnly: Decide = (request) =>
          Promise.resolve(request.resource === expected[0] ? allow : decision('ImplicitDeny'));
        const attempt = h.store.transaction((tx) =>
          authorizeAction(action, input, h.context(tx, bob), sourceOnly),
        );
        if (expected.length === 1) await attempt;
        else
          await assert.rejects(
            attempt,
            wardenError('AccessDenied', new RegExp(`on resource: ${expected[1]} because`)),
          );
      }));
  }
});
