import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, START, wardenError, type Harness } from '../testing/harness.ts';
import {
  AddUserToGroup,
  CreateGroup,
  CreateUser,
  DeleteGroup,
  GetGroup,
  ListGroups,
  ListGroupsForUser,
  RemoveUserFromGroup,
  UpdateGroup,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

async function seed(h: Harness, users: string[], groups: string[]): Promise<void> {
  for (const UserName of users) await h.call(CreateUser, { UserName });
  for (const GroupName of groups) await h.call(CreateGroup, { GroupName });
}

describe('CreateGroup', () => {
  test('returns the group with an AGPA id and its ARN', () =>
    withHarness(async (h) => {
      const { Group } = await h.call(CreateGroup, { GroupName: 'Admins', Path: '/ops/' });
      assert.match(Group.GroupId, /^AGPA[A-Z2-7]{17}$/);
      assert.deepEqual(Group, {
        Path: '/ops/',
        GroupName: 'Admins',
        GroupId: Group.GroupId,
        Arn: 'arn:aws:iam::123456789012:group/ops/Admins',
        CreateDate: START,
      });
    }));

  test('a name taken in another case is EntityAlreadyExists', () =>
    withHarness(async (h) => {
      await h.call(CreateGroup, { GroupName: 'Admins' });
      await assert.rejects(
        h.call(CreateGroup, { GroupName: 'ADMINS' }),
        wardenError('EntityAlreadyExists', 'Group with name ADMINS already exists.'),
      );
    }));
});

describe('GetGroup', () => {
  test('returns the group and its users, paginated', () =>
    withHarness(async (h) => {
      await seed(h, ['carol', 'alice', 'bob'], ['devs']);
      for (const UserName of ['carol', 'alice', 'bob'])
        await h.call(AddUserToGroup, { GroupName: 'devs', UserName });
      const first = await h.call(GetGroup, { GroupName: 'DEVS', MaxItems: 2 });
      assert.equal(first.Group.GroupName, 'devs');
      assert.deepEqual(
        first.Users.map((u) => u.UserName),
        ['alice', 'bob'],
      );
      assert.equal(first.IsTruncated, true);
      const rest = await h.call(GetGroup, { GroupName: 'devs', Marker: first.Marker ?? '' });
      assert.deepEqual(
        rest.Users.map((u) => u.UserName),
        ['carol'],
      );
      assert.equal(rest.IsTruncated, false);
    }));

  test('an unknown group is NoSuchEntity', () =>
    withHarness(async (h) => {
      await assert.rejects(
        h.call(GetGroup, { GroupName: 'ghost' }),
        wardenError('NoSuchEntity', 'The group with name ghost cannot be found.'),
      );
    }));
});

describe('ListGroups and ListGroupsForUser', () => {
  test('ListGroups filters by path prefix and pages', () =>
    withHarness(async (h) => {
      for (let i = 0; i < 12; i++) {
        await h.call(CreateGroup, {
          GroupName: `g${String(i).padStart(2, '0')}`,
          Path: i < 4 ? '/a/' : '/b/',
        });
      }
      assert.equal((await h.call(ListGroups, {})).Groups.length, 12);
      const a = await h.call(ListGroups, { PathPrefix: '/a/' });
      assert.deepEqual(
        a.Groups.map((g) => g.GroupName),
        ['g00', 'g01', 'g02', 'g03'],
      );
      const page = await h.call(ListGroups, { PathPrefix: '/b/', MaxItems: 5 });
      assert.deepEqual([page.Groups.length, page.IsTruncated], [5, true]);
    }));

  test('ListGroupsForUser lists the user groups, and NoSuchEntity for an unknown user', () =>
    withHarness(async (h) => {
      await seed(h, ['alice'], ['b', 'a', 'c']);
      await h.call(AddUserToGroup, { GroupName: 'b', UserName: 'alice' });
      await h.call(AddUserToGroup, { GroupName: 'a', UserName: 'alice' });
      const listed = await h.call(ListGroupsForUser, { UserName: 'ALICE' });
      assert.deepEqual(
        listed.Groups.map((g) => g.GroupName),
        ['a', 'b'],
      );
      assert.equal(listed.IsTruncated, false);
      await assert.rejects(
        h.call(ListGroupsForUser, { UserName: 'ghost' }),
        wardenError('NoSuchEntity', /ghost/),
      );
    }));
});

describe('membership', () => {
  test('AddUserToGroup and RemoveUserFromGroup are idempotent (as observed on AWS)', () =>
    withHarness(async (h) => {
      await seed(h, ['alice'], ['devs']);
      await h.call(AddUserToGroup, { GroupName: 'devs', UserName: 'alice' });
      await h.call(AddUserToGroup, { GroupName: 'DEVS', UserName: 'Alice' });
      assert.equal((await h.call(GetGroup, { GroupName: 'devs' })).Users.length, 1);
      await h.call(RemoveUserFromGroup, { GroupName: 'devs', UserName: 'alice' });
      assert.equal((await h.call(GetGroup, { GroupName: 'devs' })).Users.length, 0);
      await h.call(RemoveUserFromGroup, { GroupName: 'devs', UserName: 'alice' });
      assert.equal((await h.call(GetGroup, { GroupName: 'devs' })).Users.length, 0);
    }));

  const unknowns: [string, { GroupName: string; UserName: string }, string][] = [
    ['group', { GroupName: 'ghost', UserName: 'alice' }, 'The group with name ghost cannot be found.'],
    ['user', { GroupName: 'devs', UserName: 'ghost' }, 'The user with name ghost cannot be found.'],
  ];
  for (const [what, input, message] of unknowns) {
    test(`an unknown ${what} is NoSuchEntity for add and remove`, () =>
      withHarness(async (h) => {
        await seed(h, ['alice'], ['devs']);
        await assert.rejects(h.call(AddUserToGroup, input), wardenError('NoSuchEntity', message));
        await assert.rejects(h.call(RemoveUserFromGroup, input), wardenError('NoSuchEntity', message));
      }));
  }

  test('an 11th group for one user is LimitExceeded', () =>
    withHarness(async (h) => {
      const groups = Array.from({ length: 11 }, (_, i) => `g${i}`);
      await seed(h, ['alice'], groups);
      for (const GroupName of groups.slice(0, 10))
        await h.call(AddUserToGroup, { GroupName, UserName: 'alice' });
      // Re-adding an existing membership at the quota is still fine.
      await h.call(AddUserToGroup, { GroupName: 'g0', UserName: 'alice' });
      await assert.rejects(
        h.call(AddUserToGroup, { GroupName: 'g10', UserName: 'alice' }),
        wardenError('LimitExceeded', 'Cannot exceed quota for GroupsPerUser: 10'),
      );
    }));
});

describe('UpdateGroup and DeleteGroup', () => {
  test('UpdateGroup renames and moves, keeping id and members', () =>
    withHarness(async (h) => {
      await seed(h, ['alice'], ['devs', 'ops']);
      await h.call(AddUserToGroup, { GroupName: 'devs', UserName: 'alice' });
      const before = (await h.call(GetGroup, { GroupName: 'devs' })).Group;
      await h.call(UpdateGroup, { GroupName: 'devs', NewGroupName: 'builders', NewPath: '/eng/' });
      const after = await h.call(GetGroup, { GroupName: 'builders' });
      assert.equal(after.Group.GroupId, before.GroupId);
      assert.equal(after.Group.Arn, 'arn:aws:iam::123456789012:group/eng/builders');
      assert.equal(after.Users.length, 1);
      await assert.rejects(
        h.call(UpdateGroup, { GroupName: 'builders', NewGroupName: 'OPS' }),
        wardenError('EntityAlreadyExists', 'Group with name OPS already exists.'),
      );
      await assert.rejects(
        h.call(UpdateGroup, { GroupName: 'devs', NewPath: '/' }),
        wardenError('NoSuchEntity', /devs/),
      );
    }));

  test('DeleteGroup is a DeleteConflict while the group has members', () =>
    withHarness(async (h) => {
      await seed(h, ['alice'], ['devs']);
      await h.call(AddUserToGroup, { GroupName: 'devs', UserName: 'alice' });
      await assert.rejects(
        h.call(DeleteGroup, { GroupName: 'devs' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must remove users from group first.'),
      );
      await h.call(RemoveUserFromGroup, { GroupName: 'devs', UserName: 'alice' });
      await h.call(DeleteGroup, { GroupName: 'DEVS' });
      await assert.rejects(h.call(GetGroup, { GroupName: 'devs' }), wardenError('NoSuchEntity', /devs/));
      await assert.rejects(h.call(DeleteGroup, { GroupName: 'devs' }), wardenError('NoSuchEntity', /devs/));
    }));
});
