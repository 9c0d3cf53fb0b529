import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, wardenError } from '../testing/harness.ts';
import {
  CreatePolicy,
  CreateUser,
  DeleteUserPermissionsBoundary,
  GetPolicy,
  GetUser,
  ListUsers,
  PutUserPermissionsBoundary,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

/** GetUser's User is the root's (no boundary) only without a name. */
const boundaryOf = (user: object): unknown =>
  'PermissionsBoundary' in user ? user.PermissionsBoundary : undefined;

const MINE = 'arn:aws:iam::123456789012:policy/Boundary';
const doc = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
});

describe('permissions boundaries', () => {
  test('put, replace, shown by GetUser (not ListUsers), counted on the policy, deleted', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreatePolicy, { PolicyName: 'Boundary', PolicyDocument: doc });
      await h.call(PutUserPermissionsBoundary, { UserName: 'alice', PermissionsBoundary: MINE });
      assert.deepEqual(boundaryOf((await h.call(GetUser, { UserName: 'alice' })).User), {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: MINE,
      });
      assert.equal((await h.call(ListUsers, {})).Users[0]?.PermissionsBoundary, undefined);
      assert.equal((await h.call(GetPolicy, { PolicyArn: MINE })).Policy.PermissionsBoundaryUsageCount, 1);

      const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
      await h.call(PutUserPermissionsBoundary, { UserName: 'alice', PermissionsBoundary: admin });
      assert.deepEqual(boundaryOf((await h.call(GetUser, { UserName: 'alice' })).User), {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: admin,
      });
      assert.equal((await h.call(GetPolicy, { PolicyArn: MINE })).Policy.PermissionsBoundaryUsageCount, 0);
      assert.equal((await h.call(GetPolicy, { PolicyArn: admin })).Policy.PermissionsBoundaryUsageCount, 1);

      await h.call(DeleteUserPermissionsBoundary, { UserName: 'alice' });
      assert.equal(boundaryOf((await h.call(GetUser, { UserName: 'alice' })).User), undefined);
      await assert.rejects(
        h.call(DeleteUserPermissionsBoundary, { UserName: 'alice' }),
        wardenError('NoSuchEntity', 'The user with name alice has no permissions boundary.'),
      );
    }));

  test('CreateUser takes an existing customer managed policy as boundary', () =>
    withHarness(async (h) => {
      await h.call(CreatePolicy, { PolicyName: 'Boundary', PolicyDocument: doc });
      const { User } = await h.call(CreateUser, { UserName: 'bob', PermissionsBoundary: MINE });
      assert.equal(User.PermissionsBoundary?.PermissionsBoundaryArn, MINE);
    }));

  const refusals: [string, string, string, string][] = [
    [
      'a policy that does not exist',
      MINE,
      'NoSuchEntity',
      `Scope ARN: ${MINE} does not exist or is not attachable.`,
    ],
    [
      'an AWS managed policy that does not exist',
      'arn:aws:iam::aws:policy/Nope',
      'NoSuchEntity',
      'Scope ARN: arn:aws:iam::aws:policy/Nope does not exist or is not attachable.',
    ],
    [
      'an ARN that is no policy',
      'arn:aws:iam::123456789012:group/devs',
      'InvalidInput',
      'ARN arn:aws:iam::123456789012:group/devs is not valid.',
    ],
  ];
  for (const [what, arn, code, message] of refusals) {
    test(`refuses ${what}`, () =>
      withHarness(async (h) => {
        await h.call(CreateUser, { UserName: 'alice' });
        await assert.rejects(
          h.call(PutUserPermissionsBoundary, { UserName: 'alice', PermissionsBoundary: arn }),
          wardenError(code, message),
        );
      }));
  }
});
