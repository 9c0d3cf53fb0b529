import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import * as iam from '../actions/index.ts';
import type { Caller } from '../action.ts';
import { harnessWith, wardenError, type Harness } from '../testing/harness.ts';
import { ACCT, allowStmt, denyStmt, doc } from './test-kit.ts';

/**
 * The published IAM privilege-escalation methods (Rhino Security Labs' list, the ones that exist in
 * Warden so far): each is shut for a user that may only read IAM, and opens only when the user holds
 * that exact permission on that exact resource.
 */

const withHarness = harnessWith(openSqliteStore);
const USER = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;
const GROUP = (name: string) => `arn:aws:iam::${ACCT}:group/${name}`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = doc(allowStmt(['iam:Get*', 'iam:List*']));
const ALL = doc(allowStmt('*'));

interface World {
  readonly mallory: Caller;
  readonly ownPolicyArn: string;
}

/** mallory reads IAM; she is in group `staff`; her own managed policy `mallory-policy` is attached. */
async function world(h: Harness): Promise<World> {
  for (const UserName of ['mallory', 'victim']) await h.call(iam.CreateUser, { UserName });
  await h.call(iam.CreateGroup, { GroupName: 'staff' });
  await h.call(iam.CreateGroup, { GroupName: 'admins' });
  await h.call(iam.AddUserToGroup, { GroupName: 'staff', UserName: 'mallory' });
  await h.call(iam.AttachGroupPolicy, { GroupName: 'admins', PolicyArn: ADMIN });
  await h.call(iam.PutUserPolicy, { UserName: 'mallory', PolicyName: 'read', PolicyDocument: READ_ONLY });
  const { Policy } = await h.call(iam.CreatePolicy, {
    PolicyName: 'mallory-policy',
    PolicyDocument: READ_ONLY,
  });
  const ownPolicyArn = Policy.Arn ?? '';
  await h.call(iam.AttachUserPolicy, { UserName: 'mallory', PolicyArn: ownPolicyArn });
  return { mallory: await h.userCaller('mallory'), ownPolicyArn };
}

type Method = [
  name: string,
  permission: string,
  resource: (w: World) => string,
  attempt: (h: Harness, w: World) => Promise<unknown>,
  setup?: (h: Harness) => Promise<unknown>,
];

const METHODS: Method[] = [
  [
    'CreatePolicyVersion with SetAsDefault on her own policy',
    'iam:CreatePolicyVersion',
    (w) => w.ownPolicyArn,
    (h, w) =>
      h.call(
        iam.CreatePolicyVersion,
        { PolicyArn: w.ownPolicyArn, PolicyDocument: ALL, SetAsDefault: true },
        w.mallory,
      ),
  ],
  [
    'SetDefaultPolicyVersion to an older, broader version',
    'iam:SetDefaultPolicyVersion',
    (w) => w.ownPolicyArn,
    async (h, w) => {
      const { PolicyVersion } = await h.call(iam.CreatePolicyVersion, {
        PolicyArn: w.ownPolicyArn,
        PolicyDocument: ALL,
      });
      return h.call(
        iam.SetDefaultPolicyVersion,
        { PolicyArn: w.ownPolicyArn, VersionId: PolicyVersion.VersionId ?? '' },
        w.mallory,
      );
    },
  ],
  [
    'CreateAccessKey for another user',
    'iam:CreateAccessKey',
    () => USER('victim'),
    (h, w) => h.call(iam.CreateAccessKey, { UserName: 'victim' }, w.mallory),
  ],
  [
    'CreateLoginProfile for another user',
    'iam:CreateLoginProfile',
    () => USER('victim'),
    (h, w) => h.call(iam.CreateLoginProfile, { UserName: 'victim', Password: 'Correct-Horse-7' }, w.mallory),
  ],
  [
    'UpdateLoginProfile of another user',
    'iam:UpdateLoginProfile',
    () => USER('victim'),
    (h, w) => h.call(iam.UpdateLoginProfile, { UserName: 'victim', Password: 'Battery-Staple-9' }, w.mallory),
    (h) => h.call(iam.CreateLoginProfile, { UserName: 'victim', Password: 'Correct-Horse-7' }),
  ],
  [
    'AttachUserPolicy AdministratorAccess on herself',
    'iam:AttachUserPolicy',
    () => USER('mallory'),
    (h, w) => h.call(iam.AttachUserPolicy, { UserName: 'mallory', PolicyArn: ADMIN }, w.mallory),
  ],
  [
    'AttachGroupPolicy AdministratorAccess on her group',
    'iam:AttachGroupPolicy',
    () => GROUP('staff'),
    (h, w) => h.call(iam.AttachGroupPolicy, { GroupName: 'staff', PolicyArn: ADMIN }, w.mallory),
  ],
  [
    'PutUserPolicy on herself',
    'iam:PutUserPolicy',
    () => USER('mallory'),
    (h, w) =>
      h.call(iam.PutUserPolicy, { UserName: 'mallory', PolicyName: 'x', PolicyDocument: ALL }, w.mallory),
  ],
  [
    'PutGroupPolicy on her group',
    'iam:PutGroupPolicy',
    () => GROUP('staff'),
    (h, w) =>
      h.call(iam.PutGroupPolicy, { GroupName: 'staff', PolicyName: 'x', PolicyDocument: ALL }, w.mallory),
  ],
  [
    'AddUserToGroup admins',
    'iam:AddUserToGroup',
    () => GROUP('admins'),
    (h, w) => h.call(iam.AddUserToGroup, { GroupName: 'admins', UserName: 'mallory' }, w.mallory),
  ],
  [
    'DeleteUserPermissionsBoundary on herself',
    'iam:DeleteUserPermissionsBoundary',
    () => USER('mallory'),
    (h, w) => h.call(iam.DeleteUserPermissionsBoundary, { UserName: 'mallory' }, w.mallory),
    (h) => h.call(iam.PutUserPermissionsBoundary, { UserName: 'mallory', PermissionsBoundary: ADMIN }),
  ],
  [
    'PutUserPermissionsBoundary on herself (a broader boundary)',
    'iam:PutUserPermissionsBoundary',
    () => USER('mallory'),
    (h, w) =>
      h.call(iam.PutUserPermissionsBoundary, { UserName: 'mallory', PermissionsBoundary: ADMIN }, w.mallory),
  ],
];

describe('privilege escalation paths are shut without the exact permission', () => {
  for (const [name, permission, resource, attempt, setup] of METHODS) {
    test(name, () =>
      withHarness(async (h) => {
        const w = await world(h);
        await setup?.(h);
        const denied = wardenError(
          'AccessDenied',
          `User: ${USER('mallory')} is not authorized to perform: ${permission} on resource: ${resource(w)} because no identity-based policy allows the ${permission} action`,
        );
        await assert.rejects(attempt(h, w), denied);
        // The same permission on another resource does not open it.
        await h.call(iam.PutUserPolicy, {
          UserName: 'mallory',
          PolicyName: 'elsewhere',
          PolicyDocument: doc(allowStmt(permission, `arn:aws:iam::${ACCT}:user/someone-else`)),
        });
        await assert.rejects(attempt(h, w), denied);
        // That exact permission on that resource does.
        await h.call(iam.PutUserPolicy, {
          UserName: 'mallory',
          PolicyName: 'exact',
          PolicyDocument: doc(allowStmt(permission, resource(w))),
        });
        await attempt(h, w);
      }),
    );
  }
});

describe('delegated administration under a boundary', () => {
  const DEV_BOUNDARY = `arn:aws:iam::${ACCT}:policy/DevBoundary`;
  /** AWS's documented pattern: create users only with the DevBoundary, never remove or change it. */
  const delegatedAdmin = doc(
    allowStmt(['iam:CreateUser', 'iam:PutUserPermissionsBoundary'], '*', {
      Condition: { StringEquals: { 'iam:PermissionsBoundary': DEV_BOUNDARY } },
    }),
    allowStmt(['iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:PutUserPolicy'], '*', {
      Condition: { StringEquals: { 'iam:PermissionsBoundary': DEV_BOUNDARY } },
    }),
    allowStmt(['iam:Get*', 'iam:List*']),
    denyStmt('iam:DeleteUserPermissionsBoundary'),
    denyStmt(['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion'], DEV_BOUNDARY),
  );

  test('the delegated admin cannot create an unbounded user, nor free one', () =>
    withHarness(async (h) => {
      await h.call(iam.CreatePolicy, { PolicyName: 'DevBoundary', PolicyDocument: doc(allowStmt('s3:*')) });
      await h.call(iam.CreatePolicy, { PolicyName: 'Other', PolicyDocument: ALL });
      await h.call(iam.CreateUser, { UserName: 'delegate' });
      await h.call(iam.PutUserPolicy, {
        UserName: 'delegate',
        PolicyName: 'd',
        PolicyDocument: delegatedAdmin,
      });
      const delegate = await h.userCaller('delegate');
      await assert.rejects(
        h.call(iam.CreateUser, { UserName: 'free' }, delegate),
        wardenError(
          'AccessDenied',
          /iam:CreateUser on resource: .*user\/free because no identity-based policy/,
        ),
      );
      await assert.rejects(
        h.call(
          iam.CreateUser,
          { UserName: 'other', PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/Other` },
          delegate,
        ),
        wardenError('AccessDenied', /iam:CreateUser/),
      );
      await h.call(iam.CreateUser, { UserName: 'dev', PermissionsBoundary: DEV_BOUNDARY }, delegate);
      // It may attach AdministratorAccess to that user: the boundary still caps it to s3.
      await h.call(iam.AttachUserPolicy, { UserName: 'dev', PolicyArn: ADMIN }, delegate);
      const dev = await h.userCaller('dev');
      await assert.rejects(
        h.call(iam.ListUsers, {}, dev),
        wardenError('AccessDenied', /no permissions boundary allows/),
      );
      await assert.rejects(
        h.call(iam.DeleteUserPermissionsBoundary, { UserName: 'dev' }, delegate),
        wardenError('AccessDenied', /with an explicit deny in an identity-based policy$/),
      );
      await assert.rejects(
        h.call(
          iam.PutUserPermissionsBoundary,
          { UserName: 'dev', PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/Other` },
          delegate,
        ),
        wardenError('AccessDenied', /iam:PutUserPermissionsBoundary/),
      );
      await assert.rejects(
        h.call(
          iam.CreatePolicyVersion,
          { PolicyArn: DEV_BOUNDARY, PolicyDocument: ALL, SetAsDefault: true },
          delegate,
        ),
        wardenError('AccessDenied', /explicit deny/),
      );
      // Users it did not bound (here: itself) are out of its reach.
      await assert.rejects(
        h.call(iam.AttachUserPolicy, { UserName: 'delegate', PolicyArn: ADMIN }, delegate),
        wardenError('AccessDenied', /iam:AttachUserPolicy/),
      );
    }));
});
