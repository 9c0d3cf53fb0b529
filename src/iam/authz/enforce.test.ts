import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import * as iam from '../actions/index.ts';
import { harnessWith, wardenError, type Harness } from '../testing/harness.ts';
import {
  ACCT,
  addToGroup,
  addVersion,
  allowedTo,
  allowStmt,
  attach,
  createManaged,
  deleteUserPolicy,
  denyStmt,
  detach,
  doc,
  putGroupPolicy,
  putUserPolicy,
  removeFromGroup,
  setBoundary,
  setDefaultVersion,
  setUserTags,
} from './test-kit.ts';

const withHarness = harnessWith(openSqliteStore);
const USER = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;
const denied = (user: string, action: string, resource: string, reason: string) =>
  wardenError(
    'AccessDenied',
    `User: ${USER(user)} is not authorized to perform: ${action} on resource: ${resource} ${reason}`,
  );
const noIdentity = (action: string) => `because no identity-based policy allows the ${action} action`;

async function users(h: Harness, ...names: string[]) {
  for (const UserName of names) await h.call(iam.CreateUser, { UserName });
}

describe('enforcement', () => {
  test('an inline policy allowing iam:ListUsers lets alice list, and nothing else', () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      const alice = await h.userCaller('alice');
      await assert.rejects(
        h.call(iam.ListUsers, {}, alice),
        denied('alice', 'iam:ListUsers', `arn:aws:iam::${ACCT}:user/`, noIdentity('iam:ListUsers')),
      );
      await putUserPolicy(h, 'alice', 'list', doc(allowStmt('iam:ListUsers')));
      assert.equal((await h.call(iam.ListUsers, {}, alice)).Users.length, 1);
      await assert.rejects(
        h.call(iam.CreateUser, { UserName: 'carol' }, alice),
        denied('alice', 'iam:CreateUser', USER('carol'), noIdentity('iam:CreateUser')),
      );
      await deleteUserPolicy(h, 'alice', 'list');
      await assert.rejects(
        h.call(iam.ListUsers, {}, alice),
        wardenError('AccessDenied', /no identity-based policy/),
      );
    }));

  test("a group's policies apply to its members and stop on removal", () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      await h.call(iam.CreateGroup, { GroupName: 'readers' });
      await putGroupPolicy(h, 'readers', 'read', doc(allowStmt(['iam:Get*', 'iam:List*'])));
      const alice = await h.userCaller('alice');
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice), false);
      await addToGroup(h, 'readers', 'alice');
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice), true);
      await removeFromGroup(h, 'readers', 'alice');
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice), false);
    }));

  test("a group's attached managed policy applies; detaching it stops it", () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      await h.call(iam.CreateGroup, { GroupName: 'admins' });
      await addToGroup(h, 'admins', 'alice');
      const alice = await h.userCaller('alice');
      const arn = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
      await attach(h, 'group', 'admins', arn);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice), true);
      assert.equal(await allowedTo(h, iam.CreateGroup, { GroupName: 'x' }, alice), false);
      await detach(h, 'group', 'admins', arn);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice), false);
    }));

  test("switching a managed policy's default version changes the decision on the next call", () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      const alice = await h.userCaller('alice');
      const { arn, policyId } = await createManaged(h, 'ops', doc(allowStmt('iam:ListUsers')));
      await attach(h, 'user', 'alice', arn);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice), true);
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice), false);
      const v2 = await addVersion(h, policyId, doc(allowStmt('iam:ListGroups')), false);
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice), false, 'v2 is not the default yet');
      await setDefaultVersion(h, policyId, v2);
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice), true);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice), false);
      await setDefaultVersion(h, policyId, 'v1');
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice), true);
    }));

  test('a permissions boundary limits an AdministratorAccess user', () =>
    withHarness(async (h) => {
      await users(h, 'admin');
      await attach(h, 'user', 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
      const admin = await h.userCaller('admin');
      assert.equal(await allowedTo(h, iam.CreateGroup, { GroupName: 'g1' }, admin), true);
      const { arn } = await createManaged(h, 'read-only-boundary', doc(allowStmt(['iam:List*', 'iam:Get*'])));
      await setBoundary(h, 'admin', arn);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, admin), true);
      await assert.rejects(
        h.call(iam.CreateGroup, { GroupName: 'g2' }, admin),
        wardenError(
          'AccessDenied',
          `User: ${USER('admin')} is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::${ACCT}:group/g2 because no permissions boundary allows the iam:CreateGroup action`,
        ),
      );
      await setBoundary(h, 'admin', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
      assert.equal(await allowedTo(h, iam.ListGroups, {}, admin), true);
      assert.equal(await allowedTo(h, iam.CreateGroup, { GroupName: 'g3' }, admin), false);
      await setBoundary(h, 'admin', null);
      assert.equal(await allowedTo(h, iam.CreateGroup, { GroupName: 'g4' }, admin), true);
    }));

  test('an explicit deny beats any allow, in AWS words', () =>
    withHarness(async (h) => {
      await users(h, 'alice', 'bob');
      await attach(h, 'user', 'alice', 'arn:aws:iam::aws:policy/IAMFullAccess');
      await putUserPolicy(h, 'alice', 'no-deletes', doc(denyStmt('iam:Delete*', USER('bob'))));
      const alice = await h.userCaller('alice');
      await assert.rejects(
        h.call(iam.DeleteUser, { UserName: 'bob' }, alice),
        denied('alice', 'iam:DeleteUser', USER('bob'), 'with an explicit deny in an identity-based policy'),
      );
      assert.equal(await allowedTo(h, iam.GetUser, { UserName: 'bob' }, alice), true);
    }));

  test('an explicit deny in the boundary is named as such', () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      await attach(h, 'user', 'alice', 'arn:aws:iam::aws:policy/AdministratorAccess');
      const { arn } = await createManaged(h, 'b', doc(allowStmt('*'), denyStmt('iam:CreateUser')));
      await setBoundary(h, 'alice', arn);
      const alice = await h.userCaller('alice');
      await assert.rejects(
        h.call(iam.CreateUser, { UserName: 'x' }, alice),
        wardenError('AccessDenied', /with an explicit deny in a permissions boundary$/),
      );
    }));

  test('aws:SourceIp decides', () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      const office = { IpAddress: { 'aws:SourceIp': ['10.1.0.0/16', '2001:db8::/32'] } };
      await putUserPolicy(h, 'alice', 'office', doc(allowStmt('iam:ListUsers', '*', { Condition: office })));
      const alice = await h.userCaller('alice');
      const cases: [string, boolean][] = [
        ['10.1.2.3', true],
        ['10.2.0.1', false],
        ['127.0.0.1', false],
        ['2001:db8::1', true],
        ['2001:db9::1', false],
      ];
      for (const [sourceIp, expected] of cases) {
        assert.equal(await allowedTo(h, iam.ListUsers, {}, alice, { sourceIp }), expected, sourceIp);
      }
    }));

  test('aws:CurrentTime and aws:EpochTime decide', () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      const window = {
        DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
        DateLessThan: { 'aws:CurrentTime': '2026-02-01T00:00:00Z' },
      };
      await putUserPolicy(h, 'alice', 'january', doc(allowStmt('iam:ListUsers', '*', { Condition: window })));
      const epoch = {
        NumericLessThan: { 'aws:EpochTime': String(Date.parse('2026-03-01T00:00:00Z') / 1000) },
      };
      await putUserPolicy(
        h,
        'alice',
        'until-march',
        doc(allowStmt('iam:ListGroups', '*', { Condition: epoch })),
      );
      const alice = await h.userCaller('alice');
      const at = (iso: string) => ({ time: new Date(iso) });
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice, at('2026-01-15T00:00:00Z')), true);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice, at('2025-12-31T23:59:59Z')), false);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice, at('2026-02-01T00:00:01Z')), false);
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice, at('2026-02-28T23:59:59Z')), true);
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice, at('2026-03-01T00:00:01Z')), false);
      // The harness's clock feeds the time when none is given.
      h.clock.set(new Date('2026-01-20T00:00:00Z'));
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice), true);
    }));

  test('aws:SecureTransport, aws:UserAgent, aws:RequestedRegion and the MFA idiom', () =>
    withHarness(async (h) => {
      await users(h, 'alice');
      await putUserPolicy(
        h,
        'alice',
        'p',
        doc(
          allowStmt('iam:ListUsers', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
          allowStmt('iam:ListGroups', '*', { Condition: { StringLike: { 'aws:UserAgent': 'aws-cli/*' } } }),
          // IAM is served from us-east-1 whatever region the client signed for, as in AWS.
          allowStmt('iam:GetUser', '*', {
            Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
          }),
          denyStmt('iam:GetUser', '*', {
            Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
          }),
          // AWS's documented idiom: with long-term keys the MFA key is absent, so BoolIfExists
          // false matches and the deny applies; a plain Bool would not match an absent key.
          denyStmt('iam:ListAccountAliases', '*', {
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          }),
          denyStmt('iam:GetAccountSummary', '*', {
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
          }),
          allowStmt(['iam:ListAccountAliases', 'iam:GetAccountSummary']),
        ),
      );
      const alice = await h.userCaller('alice');
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice), false);
      assert.equal(await allowedTo(h, iam.ListUsers, {}, alice, { secureTransport: true }), true);
      assert.equal(await allowedTo(h, iam.ListGroups, {}, alice), false);
      assert.equal(
        await allowedTo(h, iam.ListGroups, {}, alice, { userAgent: 'aws-cli/2.15 Python/3' }),
        true,
      );
      // IAM is served from us-east-1 whatever region the client signed for, as in AWS.
      assert.equal(await allowedTo(h, iam.GetUser, {}, alice), true);
      assert.equal(await allowedTo(h, iam.GetUser, {}, alice, { region: 'eu-west-1' }), true);
      assert.equal(await allowedTo(h, iam.ListAccountAliases, {}, alice), false);
      assert.equal(await allowedTo(h, iam.GetAccountSummary, {}, alice), true);
    }));

  test('${aws:username}: each user manages only its own access keys', () =>
    withHarness(async (h) => {
      await users(h, 'alice', 'bob');
      await h.call(iam.CreateGroup, { GroupName: 'everyone' });
      const selfService = doc(
        allowStmt(
          ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey'],
          'arn:aws:iam::*:user/${aws:username}',
        ),
      );
      await putGroupPolicy(h, 'everyone', 'self-service', selfService);
      for (const name of ['alice', 'bob']) await addToGroup(h, 'everyone', name);
      const [alice, bob] = [await h.userCaller('alice'), await h.userCaller('bob')];
      const key = await h.call(iam.CreateAccessKey, {}, alice);
      assert.equal(key.AccessKey.UserName, 'alice');
      assert.equal(
        (await h.call(iam.ListAccessKeys, { UserName: 'alice' }, alice)).AccessKeyMetadata.length,
        1,
      );
      await assert.rejects(
        h.call(iam.ListAccessKeys, { UserName: 'alice' }, bob),
        denied('bob', 'iam:ListAccessKeys', USER('alice'), noIdentity('iam:ListAccessKeys')),
      );
      await assert.rejects(
        h.call(iam.CreateAccessKey, { UserName: 'bob' }, alice),
        wardenError('AccessDenied', /iam:CreateAccessKey/),
      );
      await h.call(iam.CreateAccessKey, { UserName: 'bob' }, bob);
      await h.call(iam.DeleteAccessKey, { AccessKeyId: key.AccessKey.AccessKeyId }, alice);
    }));

  test('aws:RequestTag and aws:TagKeys on CreateUser and TagUser; iam:PermissionsBoundary on CreateUser', () =>
    withHarness(async (h) => {
      await users(h, 'admin');
      const { arn: boundary } = await createManaged(h, 'dev-boundary', doc(allowStmt('iam:Get*')));
      await putUserPolicy(
        h,
        'admin',
        'tagged-only',
        doc(
          allowStmt('iam:CreateUser', '*', {
            Condition: {
              StringEquals: { 'aws:RequestTag/team': 'blue', 'iam:PermissionsBoundary': boundary },
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost'] },
            },
          }),
          allowStmt('iam:TagUser', '*', { Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } }),
          allowStmt('iam:UntagUser', '*', {
            Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['cost'] } },
          }),
        ),
      );
      const admin = await h.userCaller('admin');
      const create = (UserName: string, tags: Record<string, string>, PermissionsBoundary?: string) =>
        allowedTo(
          h,
          iam.CreateUser,
          {
            UserName,
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
            ...(PermissionsBoundary === undefined ? {} : { PermissionsBoundary }),
          },
          admin,
        );
      assert.equal(await create('u1', { team: 'blue' }, boundary), true);
      assert.equal(await create('u2', { team: 'red' }, boundary), false);
      assert.equal(
        await create('u3', { team: 'blue' }),
        false,
        'no boundary: iam:PermissionsBoundary absent',
      );
      assert.equal(
        await create('u4', { team: 'blue', owner: 'x' }, boundary),
        false,
        'a tag key not allowed',
      );
      assert.equal(await create('u5', {}, boundary), false);
      const tag = (Value: string) =>
        allowedTo(h, iam.TagUser, { UserName: 'u1', Tags: [{ Key: 'team', Value }] }, admin);
      assert.equal(await tag('blue'), true);
      assert.equal(await tag('green'), false);
      assert.equal(await allowedTo(h, iam.UntagUser, { UserName: 'u1', TagKeys: ['cost'] }, admin), true);
      assert.equal(await allowedTo(h, iam.UntagUser, { UserName: 'u1', TagKeys: ['team'] }, admin), false);
    }));

  test('aws:ResourceTag / iam:ResourceTag of the target user, matched against aws:PrincipalTag', () =>
    withHarness(async (h) => {
      await users(h, 'lead', 'blue1', 'red1');
      await setUserTags(h, 'lead', { team: 'blue' });
      await setUserTags(h, 'blue1', { team: 'blue' });
      await setUserTags(h, 'red1', { team: 'red' });
      await putUserPolicy(
        h,
        'lead',
        'own-team',
        doc(
          allowStmt(['iam:GetUser', 'iam:ListUserTags'], '*', {
            Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
          }),
          allowStmt('iam:ListGroupsForUser', '*', {
            Condition: { StringEquals: { 'iam:ResourceTag/team': 'blue' } },
          }),
        ),
      );
      const lead = await h.userCaller('lead');
      assert.equal(await allowedTo(h, iam.GetUser, { UserName: 'blue1' }, lead), true);
      assert.equal(await allowedTo(h, iam.GetUser, { UserName: 'red1' }, lead), false);
      assert.equal(await allowedTo(h, iam.GetUser, {}, lead), true, 'itself, by its own tags');
      assert.equal(await allowedTo(h, iam.ListGroupsForUser, { UserName: 'blue1' }, lead), true);
      assert.equal(await allowedTo(h, iam.ListGroupsForUser, { UserName: 'red1' }, lead), false);
      // Retagging the target, or the caller, is seen on the next request.
      await setUserTags(h, 'red1', { team: 'blue' });
      assert.equal(await allowedTo(h, iam.GetUser, { UserName: 'red1' }, lead), true);
      await setUserTags(h, 'lead', { team: 'green' });
      assert.equal(await allowedTo(h, iam.GetUser, { UserName: 'blue1' }, lead), false);
    }));
});
