/** Groups and membership through the real AWS SDK against a real `warden serve`: issue 2, "Groups". */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
  paginateGetGroup,
  paginateListGroups,
  paginateListGroupsForUser,
} from '@aws-sdk/client-iam';
import {
  ACCOUNT_ID,
  GROUP_ID,
  assertRecent,
  expectError,
  groupArn,
  startSuite,
  stopSuite,
  userArn,
  type Suite,
} from './sdk-kit.ts';

describe('groups through the AWS SDK', () => {
  let suite: Suite | undefined;
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };
  const createUsers = async (...names: string[]): Promise<void> => {
    for (const name of names) await s().iam.send(new CreateUserCommand({ UserName: name }));
  };
  const membersOf = async (groupName: string): Promise<string[]> =>
    ((await s().iam.send(new GetGroupCommand({ GroupName: groupName }))).Users ?? []).map(
      (u) => u.UserName ?? '',
    );

  before(async () => {
    suite = await startSuite();
  });
  after(() => stopSuite(suite));

  describe('CreateGroup and GetGroup', () => {
    it('returns the group with its path in the ARN, an AGPA id and a creation date', async () => {
      const out = await s().iam.send(new CreateGroupCommand({ GroupName: 'admins', Path: '/ops/' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const group = out.Group;
      assert.equal(group?.GroupName, 'admins');
      assert.equal(group?.Path, '/ops/');
      assert.equal(group?.Arn, `arn:aws:iam::${ACCOUNT_ID}:group/ops/admins`);
      assert.match(group?.GroupId ?? '', GROUP_ID);
      assertRecent(group?.CreateDate, 'CreateDate');

      const got = await s().iam.send(new GetGroupCommand({ GroupName: 'admins' }));
      assert.equal(got.Group?.GroupId, group?.GroupId);
      assert.equal(got.Group?.Arn, group?.Arn);
      assert.deepEqual(got.Users, []);
      assert.equal(got.IsTruncated, false);
    });

    it('puts a group without a path at /', async () => {
      const out = await s().iam.send(new CreateGroupCommand({ GroupName: 'plain' }));
      assert.equal(out.Group?.Path, '/');
      assert.equal(out.Group?.Arn, groupArn('plain'));
    });

    it('refuses a name that differs only in case', async () => {
      await s().iam.send(new CreateGroupCommand({ GroupName: 'Readers' }));
      await expectError(s().iam.send(new CreateGroupCommand({ GroupName: 'READERS' })), {
        name: 'EntityAlreadyExistsException',
        status: 409,
        message: /^Group with name READERS already exists\.$/i,
      });
    });

    it('refuses a bad group name', async () => {
      await expectError(s().iam.send(new CreateGroupCommand({ GroupName: 'no/slashes' })), {
        name: 'ValidationError',
        status: 400,
        message:
          'The specified value for groupName is invalid. ' +
          'It must contain only alphanumeric characters and/or the following: +=,.@_-',
      });
    });

    it('answers NoSuchEntity for an unknown group', async () => {
      await expectError(s().iam.send(new GetGroupCommand({ GroupName: 'nogroup' })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: 'The group with name nogroup cannot be found.',
      });
    });

    it('lists its users a page at a time, and the SDK paginator yields them all', async () => {
      const names = ['m1', 'm2', 'm3', 'm4', 'm5'];
      await s().iam.send(new CreateGroupCommand({ GroupName: 'big' }));
      await createUsers(...names);
      for (const name of names)
        await s().iam.send(new AddUserToGroupCommand({ GroupName: 'big', UserName: name }));

      const first = await s().iam.send(new GetGroupCommand({ GroupName: 'big', MaxItems: 2 }));
      assert.equal(first.Users?.length, 2);
      assert.equal(first.IsTruncated, true);
      assert.equal(first.Group?.GroupName, 'big');
      const second = await s().iam.send(
        new GetGroupCommand({ GroupName: 'big', MaxItems: 2, Marker: first.Marker }),
      );
      assert.equal(second.Users?.length, 2);
      assert.equal(second.Group?.GroupName, 'big');

      const seen: string[] = [];
      for await (const page of paginateGetGroup({ client: s().iam, pageSize: 2 }, { GroupName: 'big' })) {
        assert.equal(page.Group?.GroupName, 'big');
        seen.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
      }
      assert.deepEqual(seen, names);
      const member = first.Users?.[0];
      assert.equal(member?.Arn, userArn('m1'));
      assert.equal(member?.Tags, undefined);
    });
  });

  describe('ListGroups', () => {
    before(async () => {
      for (const [name, path] of [
        ['lg-a', '/lg/'],
        ['lg-b', '/lg/sub/'],
        ['lg-c', '/lg/'],
      ] as const) {
        await s().iam.send(new CreateGroupCommand({ GroupName: name, Path: path }));
      }
    });

    it('filters by PathPrefix and pages with Marker and MaxItems', async () => {
      const all = await s().iam.send(new ListGroupsCommand({ PathPrefix: '/lg/' }));
      assert.deepEqual(
        all.Groups?.map((g) => g.GroupName),
        ['lg-a', 'lg-b', 'lg-c'],
      );
      assert.equal(all.IsTruncated, false);
      assert.equal(all.Groups?.[1]?.Arn, groupArn('lg-b', '/lg/sub/'));

      const first = await s().iam.send(new ListGroupsCommand({ PathPrefix: '/lg/', MaxItems: 2 }));
      assert.deepEqual(
        first.Groups?.map((g) => g.GroupName),
        ['lg-a', 'lg-b'],
      );
      assert.equal(first.IsTruncated, true);
      const rest = await s().iam.send(new ListGroupsCommand({ PathPrefix: '/lg/', Marker: first.Marker }));
      assert.deepEqual(
        rest.Groups?.map((g) => g.GroupName),
        ['lg-c'],
      );
      assert.equal(rest.IsTruncated, false);

      const paged: string[] = [];
      for await (const page of paginateListGroups({ client: s().iam, pageSize: 1 }, { PathPrefix: '/lg/' })) {
        paged.push(...(page.Groups ?? []).map((g) => g.GroupName ?? ''));
      }
      assert.deepEqual(paged, ['lg-a', 'lg-b', 'lg-c']);
    });
  });

  describe('UpdateGroup', () => {
    it('renames a group and moves it, keeping its id and its members', async () => {
      const created = await s().iam.send(new CreateGroupCommand({ GroupName: 'devs', Path: '/old/' }));
      await createUsers('dev-user');
      await s().iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'dev-user' }));

      const out = await s().iam.send(
        new UpdateGroupCommand({ GroupName: 'devs', NewGroupName: 'developers', NewPath: '/new/' }),
      );
      assert.equal(out.$metadata.httpStatusCode, 200);
      const got = await s().iam.send(new GetGroupCommand({ GroupName: 'developers' }));
      assert.equal(got.Group?.GroupId, created.Group?.GroupId);
      assert.equal(got.Group?.Arn, groupArn('developers', '/new/'));
      assert.deepEqual(
        got.Users?.map((u) => u.UserName),
        ['dev-user'],
      );
      await expectError(s().iam.send(new GetGroupCommand({ GroupName: 'devs' })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: 'The group with name devs cannot be found.',
      });
      const forUser = await s().iam.send(new ListGroupsForUserCommand({ UserName: 'dev-user' }));
      assert.deepEqual(
        forUser.Groups?.map((g) => g.GroupName),
        ['developers'],
      );
    });

    it('refuses to rename onto an existing name, even in another case', async () => {
      await s().iam.send(new CreateGroupCommand({ GroupName: 'g-one' }));
      await s().iam.send(new CreateGroupCommand({ GroupName: 'g-two' }));
      await expectError(s().iam.send(new UpdateGroupCommand({ GroupName: 'g-one', NewGroupName: 'G-TWO' })), {
        name: 'EntityAlreadyExistsException',
        status: 409,
        message: /^Group with name G-TWO already exists\.$/i,
      });
    });

    it('answers NoSuchEntity for an unknown group', async () => {
      await expectError(s().iam.send(new UpdateGroupCommand({ GroupName: 'ghosts', NewPath: '/x/' })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: 'The group with name ghosts cannot be found.',
      });
    });
  });

  describe('DeleteGroup', () => {
    it('refuses while the group has members, then deletes it', async () => {
      await s().iam.send(new CreateGroupCommand({ GroupName: 'doomed' }));
      await createUsers('doomed-member');
      await s().iam.send(new AddUserToGroupCommand({ GroupName: 'doomed', UserName: 'doomed-member' }));
      await expectError(s().iam.send(new DeleteGroupCommand({ GroupName: 'doomed' })), {
        name: 'DeleteConflictException',
        status: 409,
        message: 'Cannot delete entity, must remove users from group first.',
      });
      await s().iam.send(new RemoveUserFromGroupCommand({ GroupName: 'doomed', UserName: 'doomed-member' }));
      const out = await s().iam.send(new DeleteGroupCommand({ GroupName: 'doomed' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(s().iam.send(new GetGroupCommand({ GroupName: 'doomed' })), {
        name: 'NoSuchEntityException',
        status: 404,
      });
      await expectError(s().iam.send(new DeleteGroupCommand({ GroupName: 'doomed' })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: 'The group with name doomed cannot be found.',
      });
      // The user itself is untouched and can now be deleted.
      await s().iam.send(new DeleteUserCommand({ UserName: 'doomed-member' }));
    });
  });

  describe('AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser', () => {
    it('adds a member once however often it is added', async () => {
      await s().iam.send(new CreateGroupCommand({ GroupName: 'twice' }));
      await createUsers('twice-user');
      for (let i = 0; i < 2; i += 1) {
        const out = await s().iam.send(
          new AddUserToGroupCommand({ GroupName: 'twice', UserName: 'twice-user' }),
        );
        assert.equal(out.$metadata.httpStatusCode, 200);
      }
      assert.deepEqual(await membersOf('twice'), ['twice-user']);
    });

    it('answers NoSuchEntity for an unknown user or group', async () => {
      await s().iam.send(new CreateGroupCommand({ GroupName: 'real-group' }));
      await createUsers('real-user');
      await expectError(
        s().iam.send(new AddUserToGroupCommand({ GroupName: 'real-group', UserName: 'nouser' })),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: 'The user with name nouser cannot be found.',
        },
      );
      await expectError(
        s().iam.send(new AddUserToGroupCommand({ GroupName: 'nogroup', UserName: 'real-user' })),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: 'The group with name nogroup cannot be found.',
        },
      );
    });

    it('refuses an 11th group for one user', async () => {
      await createUsers('joiner');
      for (let i = 1; i <= 11; i += 1) await s().iam.send(new CreateGroupCommand({ GroupName: `club-${i}` }));
      for (let i = 1; i <= 10; i += 1) {
        await s().iam.send(new AddUserToGroupCommand({ GroupName: `club-${i}`, UserName: 'joiner' }));
      }
      await expectError(
        s().iam.send(new AddUserToGroupCommand({ GroupName: 'club-11', UserName: 'joiner' })),
        {
          name: 'LimitExceededException',
          status: 409,
          // AWS's exact wording is unconfirmed (some clones add a final period).
          message: /^Cannot exceed quota for GroupsPerUser: 10\.?$/,
        },
      );
      assert.deepEqual(await membersOf('club-11'), []);
      // Adding to a group it is already in is still fine at the limit.
      await s().iam.send(new AddUserToGroupCommand({ GroupName: 'club-1', UserName: 'joiner' }));

      const groups = await s().iam.send(new ListGroupsForUserCommand({ UserName: 'joiner' }));
      assert.equal(groups.Groups?.length, 10);
      assert.equal(groups.IsTruncated, false);
      const paged: string[] = [];
      for await (const page of paginateListGroupsForUser(
        { client: s().iam, pageSize: 3 },
        { UserName: 'joiner' },
      )) {
        paged.push(...(page.Groups ?? []).map((g) => g.GroupName ?? ''));
      }
      assert.deepEqual([...paged].sort(), Array.from({ length: 10 }, (_, i) => `club-${i + 1}`).sort());
    });

    it('holds the 10-group quota when a user joins many groups at the same time', async () => {
      await createUsers('rusher');
      for (let i = 1; i <= 14; i += 1) await s().iam.send(new CreateGroupCommand({ GroupName: `rush-${i}` }));
      const results = await Promise.allSettled(
        Array.from({ length: 14 }, (_, i) =>
          s().iam.send(new AddUserToGroupCommand({ GroupName: `rush-${i + 1}`, UserName: 'rusher' })),
        ),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 10);
      for (const r of results) {
        if (r.status === 'rejected') assert.equal((r.reason as Error).name, 'LimitExceededException');
      }
      const groups = await s().iam.send(new ListGroupsForUserCommand({ UserName: 'rusher' }));
      assert.equal(groups.Groups?.length, 10);
    });

    it('removes a member; removing a non-member succeeds too, an unknown user or group is NoSuchEntity', async () => {
      await s().iam.send(new CreateGroupCommand({ GroupName: 'leavers' }));
      await createUsers('leaver', 'outsider');
      await s().iam.send(new AddUserToGroupCommand({ GroupName: 'leavers', UserName: 'leaver' }));
      const out = await s().iam.send(
        new RemoveUserFromGroupCommand({ GroupName: 'leavers', UserName: 'leaver' }),
      );
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(await membersOf('leavers'), []);
      const groups = await s().iam.send(new ListGroupsForUserCommand({ UserName: 'leaver' }));
      assert.deepEqual(groups.Groups, []);

      // Observed on AWS: removing a user that is not a member answers no error
      // (cloud-custodian/cloud-custodian#4730, tried with the CLI), like adding one twice.
      for (const UserName of ['outsider', 'leaver']) {
        const again = await s().iam.send(new RemoveUserFromGroupCommand({ GroupName: 'leavers', UserName }));
        assert.equal(again.$metadata.httpStatusCode, 200);
      }
      assert.deepEqual(await membersOf('leavers'), []);
      await expectError(
        s().iam.send(new RemoveUserFromGroupCommand({ GroupName: 'leavers', UserName: 'nouser' })),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: 'The user with name nouser cannot be found.',
        },
      );
      await expectError(
        s().iam.send(new RemoveUserFromGroupCommand({ GroupName: 'nogroup', UserName: 'leaver' })),
        {
          name: 'NoSuchEntityException',
          status: 404,
          message: 'The group with name nogroup cannot be found.',
        },
      );
    });

    it('lists the groups of a user with their paths, and NoSuchEntity for an unknown user', async () => {
      await createUsers('multi');
      await s().iam.send(new CreateGroupCommand({ GroupName: 'multi-a', Path: '/x/' }));
      await s().iam.send(new CreateGroupCommand({ GroupName: 'multi-b' }));
      await s().iam.send(new AddUserToGroupCommand({ GroupName: 'multi-b', UserName: 'multi' }));
      await s().iam.send(new AddUserToGroupCommand({ GroupName: 'multi-a', UserName: 'multi' }));
      const out = await s().iam.send(new ListGroupsForUserCommand({ UserName: 'multi' }));
      assert.deepEqual(out.Groups?.map((g) => [g.GroupName, g.Arn]).sort(), [
        ['multi-a', groupArn('multi-a', '/x/')],
        ['multi-b', groupArn('multi-b')],
      ]);
      for (const g of out.Groups ?? []) assert.match(g.GroupId ?? '', GROUP_ID);
      await expectError(s().iam.send(new ListGroupsForUserCommand({ UserName: 'nouser' })), {
        name: 'NoSuchEntityException',
        status: 404,
        message: 'The user with name nouser cannot be found.',
      });
    });
  });
});
