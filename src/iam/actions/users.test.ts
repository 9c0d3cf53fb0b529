import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, START, tags, wardenError, type Harness } from '../testing/harness.ts';
import {
  AddUserToGroup,
  CreateAccessKey,
  CreateGroup,
  CreateLoginProfile,
  CreateUser,
  DeleteUser,
  GetUser,
  ListUsers,
  ListUserTags,
  TagUser,
  UntagUser,
  UpdateUser,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

/** GetUser's User has no name only for the root. */
const nameOf = (user: object): unknown => ('UserName' in user ? user.UserName : undefined);

describe('CreateUser', () => {
  test('returns the user with the default path, an AIDA id and its ARN', () =>
    withHarness(async (h) => {
      const { User } = await h.call(CreateUser, { UserName: 'alice' });
      assert.match(User.UserId, /^AIDA[A-Z2-7]{17}$/);
      assert.deepEqual(User, {
        Path: '/',
        UserName: 'alice',
        UserId: User.UserId,
        Arn: 'arn:aws:iam::123456789012:user/alice',
        CreateDate: START,
      });
    }));

  test('keeps path, tags and an AWS managed boundary', () =>
    withHarness(async (h) => {
      const boundary = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
      const { User } = await h.call(CreateUser, {
        UserName: 'bob',
        Path: '/eng/',
        PermissionsBoundary: boundary,
        Tags: tags(['team', 'core'], ['cost', '']),
      });
      assert.equal(User.Arn, 'arn:aws:iam::123456789012:user/eng/bob');
      assert.deepEqual(User.PermissionsBoundary, {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: boundary,
      });
      assert.deepEqual(User.Tags, tags(['team', 'core'], ['cost', '']));
      const got = await h.call(GetUser, { UserName: 'bob' });
      assert.deepEqual(got.User, User);
    }));

  const refusals: [string, Parameters<typeof CreateUser.run>[0], string, string | RegExp][] = [
    [
      'a name taken in another case',
      { UserName: 'ALICE' },
      'EntityAlreadyExists',
      'User with name ALICE already exists.',
    ],
    [
      'a name taken at another path',
      { UserName: 'alice', Path: '/x/' },
      'EntityAlreadyExists',
      /alice already exists/,
    ],
    [
      'duplicate tag keys (ignoring case)',
      { UserName: 'carol', Tags: tags(['Team', 'a'], ['team', 'b']) },
      'InvalidInput',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    ],
    ['a reserved aws: tag key', { UserName: 'carol', Tags: tags(['AWS:team', 'a']) }, 'InvalidInput', /aws:/],
    [
      'a boundary that is no ARN',
      { UserName: 'carol', PermissionsBoundary: 'not-an-arn-at-all-xx' },
      'InvalidInput',
      'ARN not-an-arn-at-all-xx is not valid.',
    ],
    [
      'a customer boundary that does not exist',
      { UserName: 'carol', PermissionsBoundary: 'arn:aws:iam::123456789012:policy/Mine' },
      'NoSuchEntity',
      'Scope ARN: arn:aws:iam::123456789012:policy/Mine does not exist or is not attachable.',
    ],
  ];
  for (const [what, input, code, message] of refusals) {
    test(`refuses ${what}`, () =>
      withHarness(async (h) => {
        await h.call(CreateUser, { UserName: 'alice' });
        await assert.rejects(h.call(CreateUser, input), wardenError(code, message));
      }));
  }
});

describe('GetUser', () => {
  test('finds a user by name in any case and returns the stored case', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'Alice' });
      assert.equal(nameOf((await h.call(GetUser, { UserName: 'aLiCe' })).User), 'Alice');
    }));

  test('without a name returns the calling user', () =>
    withHarness(async (h) => {
      const { User } = await h.call(CreateUser, { UserName: 'alice', Tags: tags(['a', 'b']) });
      const self = await h.run(GetUser, {}, await h.userCaller('alice'));
      assert.deepEqual(self.User, User);
    }));

  test('without a name, for the root, returns the root: account id as UserId, no name', () =>
    withHarness(async (h) => {
      assert.deepEqual((await h.call(GetUser, {})).User, {
        UserId: '123456789012',
        Arn: 'arn:aws:iam::123456789012:root',
        CreateDate: START,
      });
    }));

  test('an unknown user is NoSuchEntity in AWS words', () =>
    withHarness(async (h) => {
      await assert.rejects(
        h.call(GetUser, { UserName: 'ghost' }),
        wardenError('NoSuchEntity', 'The user with name ghost cannot be found.'),
      );
    }));
});

describe('ListUsers', () => {
  async function createMany(h: Harness, count: number): Promise<string[]> {
    const names = Array.from({ length: count }, (_, i) => `user-${String(i).padStart(3, '0')}`);
    // One transaction per user, as requests would; the store batches commits.
    await Promise.all(
      names.map((name, i) => h.call(CreateUser, { UserName: name, Path: i % 5 === 0 ? '/five/' : '/' })),
    );
    return names;
  }

  test('pages 250 users by 100 by default, in name order, with advancing markers', () =>
    withHarness(async (h) => {
      const names = await createMany(h, 250);
      const seen: string[] = [];
      const sizes: number[] = [];
      let marker: string | undefined;
      do {
        const page = await h.call(ListUsers, marker === undefined ? {} : { Marker: marker });
        sizes.push(page.Users.length);
        seen.push(...page.Users.map((u) => u.UserName));
        assert.equal(page.IsTruncated, page.Marker !== undefined);
        assert.notEqual(page.Marker, marker);
        marker = page.Marker;
      } while (marker !== undefined);
      assert.deepEqual(sizes, [100, 100, 50]);
      assert.deepEqual(seen, names);
    }));

  test('MaxItems and PathPrefix', () =>
    withHarness(async (h) => {
      await createMany(h, 250);
      const all = await h.call(ListUsers, { MaxItems: 1000 });
      assert.equal(all.Users.length, 250);
      assert.deepEqual(
        { IsTruncated: all.IsTruncated, Marker: all.Marker },
        { IsTruncated: false, Marker: undefined },
      );
      const five = await h.call(ListUsers, { PathPrefix: '/five/', MaxItems: 1000 });
      assert.equal(five.Users.length, 50);
      assert.ok(five.Users.every((u) => u.Arn.includes(':user/five/')));
      const small = await h.call(ListUsers, { PathPrefix: '/f', MaxItems: 7 });
      assert.deepEqual([small.Users.length, small.IsTruncated], [7, true]);
    }));

  test('list items carry neither tags nor boundary', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, {
        UserName: 'alice',
        Tags: tags(['a', 'b']),
        PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      });
      const [user] = (await h.call(ListUsers, {})).Users;
      assert.deepEqual(Object.keys(user ?? {}).sort(), ['Arn', 'CreateDate', 'Path', 'UserId', 'UserName']);
    }));
});

describe('UpdateUser', () => {
  test('renames and moves, keeping the unique id', () =>
    withHarness(async (h) => {
      const { User } = await h.call(CreateUser, { UserName: 'alice' });
      await h.call(UpdateUser, { UserName: 'ALICE', NewUserName: 'alicia', NewPath: '/ops/' });
      const renamed = (await h.call(GetUser, { UserName: 'alicia' })).User;
      assert.equal(renamed.UserId, User.UserId);
      assert.equal(renamed.Arn, 'arn:aws:iam::123456789012:user/ops/alicia');
      await assert.rejects(h.call(GetUser, { UserName: 'alice' }), wardenError('NoSuchEntity', /alice/));
    }));

  test('may change only the case of its own name', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(UpdateUser, { UserName: 'alice', NewUserName: 'Alice' });
      assert.equal(nameOf((await h.call(GetUser, { UserName: 'alice' })).User), 'Alice');
    }));

  test('refuses a taken name and an unknown user', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateUser, { UserName: 'bob' });
      await assert.rejects(
        h.call(UpdateUser, { UserName: 'alice', NewUserName: 'BOB' }),
        wardenError('EntityAlreadyExists', 'User with name BOB already exists.'),
      );
      await assert.rejects(
        h.call(UpdateUser, { UserName: 'ghost', NewPath: '/x/' }),
        wardenError('NoSuchEntity', 'The user with name ghost cannot be found.'),
      );
    }));
});

describe('DeleteUser', () => {
  const blockers: [string, (h: Harness) => Promise<unknown>, string][] = [
    [
      'a login profile',
      (h) => h.call(CreateLoginProfile, { UserName: 'alice', Password: 'Secret-Passw0rd' }),
      'Cannot delete entity, must delete login profile first.',
    ],
    [
      'an access key',
      (h) => h.call(CreateAccessKey, { UserName: 'alice' }),
      'Cannot delete entity, must delete access keys first.',
    ],
    [
      'a group membership',
      async (h) => {
        await h.call(CreateGroup, { GroupName: 'devs' });
        await h.call(AddUserToGroup, { GroupName: 'devs', UserName: 'alice' });
      },
      'Cannot delete entity, must remove users from group first.',
    ],
  ];
  for (const [what, add, message] of blockers) {
    test(`is a DeleteConflict while the user has ${what}`, () =>
      withHarness(async (h) => {
        await h.call(CreateUser, { UserName: 'alice' });
        await add(h);
        await assert.rejects(
          h.call(DeleteUser, { UserName: 'alice' }),
          wardenError('DeleteConflict', message),
        );
      }));
  }

  test('deletes a user with nothing left (a boundary does not block)', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, {
        UserName: 'alice',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      });
      await h.call(DeleteUser, { UserName: 'ALICE' });
      await assert.rejects(h.call(GetUser, { UserName: 'alice' }), wardenError('NoSuchEntity', /alice/));
      await assert.rejects(h.call(DeleteUser, { UserName: 'alice' }), wardenError('NoSuchEntity', /alice/));
    }));
});

describe('TagUser, UntagUser, ListUserTags', () => {
  test('tags merge, keys compare ignoring case and keep the new case', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice', Tags: tags(['Team', 'a'], ['env', 'prod']) });
      await h.call(TagUser, { UserName: 'alice', Tags: tags(['team', 'b'], ['cost', '12']) });
      assert.deepEqual(
        (await h.call(ListUserTags, { UserName: 'alice' })).Tags,
        tags(['env', 'prod'], ['team', 'b'], ['cost', '12']),
      );
      await h.call(UntagUser, { UserName: 'alice', TagKeys: ['ENV', 'absent'] });
      const listed = await h.call(ListUserTags, { UserName: 'alice' });
      assert.deepEqual(listed, { Tags: tags(['team', 'b'], ['cost', '12']), IsTruncated: false });
    }));

  test('more than 50 tags after the merge is LimitExceeded; 50 is fine', () =>
    withHarness(async (h) => {
      const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await h.call(CreateUser, { UserName: 'alice', Tags: fifty });
      await h.call(TagUser, { UserName: 'alice', Tags: tags(['K0', 'replaced']) });
      await assert.rejects(
        h.call(TagUser, { UserName: 'alice', Tags: tags(['k50', 'v']) }),
        wardenError('LimitExceeded', 'Cannot exceed quota for TagsPerUser: 50'),
      );
    }));

  test('refuses duplicate and reserved keys, and unknown users', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await assert.rejects(
        h.call(TagUser, { UserName: 'alice', Tags: tags(['a', '1'], ['A', '2']) }),
        wardenError('InvalidInput', /Duplicate tag keys/),
      );
      await assert.rejects(
        h.call(TagUser, { UserName: 'alice', Tags: tags(['aws:x', '1']) }),
        wardenError('InvalidInput', /aws:/),
      );
      await assert.rejects(
        h.call(TagUser, { UserName: 'ghost', Tags: tags(['a', '1']) }),
        wardenError('NoSuchEntity', /ghost/),
      );
      await assert.rejects(
        h.call(UntagUser, { UserName: 'ghost', TagKeys: ['a'] }),
        wardenError('NoSuchEntity', /ghost/),
      );
      await assert.rejects(h.call(ListUserTags, { UserName: 'ghost' }), wardenError('NoSuchEntity', /ghost/));
    }));

  test('ListUserTags pages with MaxItems and Marker', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, {
        UserName: 'alice',
        Tags: Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}`, Value: '' })),
      });
      const first = await h.call(ListUserTags, { UserName: 'alice', MaxItems: 2 });
      assert.deepEqual(
        first.Tags.map((t) => t.Key),
        ['k0', 'k1'],
      );
      assert.equal(first.IsTruncated, true);
      const rest = await h.call(ListUserTags, {
        UserName: 'alice',
        MaxItems: 10,
        ...(first.Marker === undefined ? {} : { Marker: first.Marker }),
      });
      assert.deepEqual(
        rest.Tags.map((t) => t.Key),
        ['k2', 'k3', 'k4'],
      );
      assert.equal(rest.IsTruncated, false);
    }));
});
