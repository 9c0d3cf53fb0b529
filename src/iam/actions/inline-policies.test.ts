import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, wardenError, type Harness } from '../testing/harness.ts';
import {
  CreateGroup,
  CreateUser,
  DeleteGroup,
  DeleteGroupPolicy,
  DeleteUser,
  DeleteUserPolicy,
  GetGroupPolicy,
  GetUserPolicy,
  ListGroupPolicies,
  ListUserPolicies,
  PutGroupPolicy,
  PutUserPolicy,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const doc = (action = 's3:GetObject'): string =>
  JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] },
    null,
    2,
  );

/** A document of `size` characters not counting white space. */
function sized(size: number): string {
  const head =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::';
  const tail = '"}]}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

async function setUp(h: Harness): Promise<void> {
  await h.call(CreateUser, { UserName: 'alice' });
  await h.call(CreateGroup, { GroupName: 'devs' });
}

describe('user inline policies', () => {
  test('put, get verbatim, replace (any case of the name), list, delete', () =>
    withHarness(async (h) => {
      await setUp(h);
      await h.call(PutUserPolicy, { UserName: 'alice', PolicyName: 'read', PolicyDocument: doc() });
      await h.call(PutUserPolicy, {
        UserName: 'alice',
        PolicyName: 'Write',
        PolicyDocument: doc('s3:PutObject'),
      });
      assert.deepEqual(await h.call(GetUserPolicy, { UserName: 'ALICE', PolicyName: 'read' }), {
        UserName: 'alice',
        PolicyName: 'read',
        PolicyDocument: doc(),
      });
      await h.call(PutUserPolicy, { UserName: 'alice', PolicyName: 'READ', PolicyDocument: doc('s3:List*') });
      const got = await h.call(GetUserPolicy, { UserName: 'alice', PolicyName: 'read' });
      assert.equal(got.PolicyDocument, doc('s3:List*'));
      assert.deepEqual(await h.call(ListUserPolicies, { UserName: 'alice' }), {
        PolicyNames: ['READ', 'Write'],
        IsTruncated: false,
      });
      const first = await h.call(ListUserPolicies, { UserName: 'alice', MaxItems: 1 });
      assert.deepEqual([first.PolicyNames, first.IsTruncated], [['READ'], true]);
      const rest = await h.call(ListUserPolicies, {
        UserName: 'alice',
        MaxItems: 1,
        Marker: first.Marker ?? '',
      });
      assert.deepEqual(rest.PolicyNames, ['Write']);

      await assert.rejects(
        h.call(DeleteUser, { UserName: 'alice' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must delete policies first.'),
      );
      await h.call(DeleteUserPolicy, { UserName: 'alice', PolicyName: 'read' });
      await h.call(DeleteUserPolicy, { UserName: 'alice', PolicyName: 'write' });
      const missing = wardenError('NoSuchEntity', 'The user policy with name read cannot be found.');
      await assert.rejects(h.call(GetUserPolicy, { UserName: 'alice', PolicyName: 'read' }), missing);
      await assert.rejects(h.call(DeleteUserPolicy, { UserName: 'alice', PolicyName: 'read' }), missing);
      await h.call(DeleteUser, { UserName: 'alice' });
    }));

  test('the aggregate of a user policies is at most 2048 characters, white space aside', () =>
    withHarness(async (h) => {
      await setUp(h);
      await h.call(PutUserPolicy, { UserName: 'alice', PolicyName: 'a', PolicyDocument: sized(1000) });
      await h.call(PutUserPolicy, {
        UserName: 'alice',
        PolicyName: 'b',
        PolicyDocument: sized(1048).replace('{', '{\n   '),
      });
      await assert.rejects(
        h.call(PutUserPolicy, { UserName: 'alice', PolicyName: 'c', PolicyDocument: sized(200) }),
        wardenError('LimitExceeded', 'Maximum policy size of 2048 bytes exceeded for user alice'),
      );
      // Replacing one counts the new text instead of the old.
      await h.call(PutUserPolicy, { UserName: 'alice', PolicyName: 'B', PolicyDocument: sized(1048) });
      await assert.rejects(
        h.call(PutUserPolicy, { UserName: 'alice', PolicyName: 'a', PolicyDocument: sized(1001) }),
        wardenError('LimitExceeded', 'Maximum policy size of 2048 bytes exceeded for user alice'),
      );
    }));

  const refusals: [string, Parameters<typeof PutUserPolicy.run>[0], string, string | RegExp][] = [
    [
      'an unknown user',
      { UserName: 'bob', PolicyName: 'p', PolicyDocument: doc() },
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    ],
    [
      'a document that is not JSON',
      { UserName: 'alice', PolicyName: 'p', PolicyDocument: 'nope' },
      'MalformedPolicyDocument',
      'Syntax errors in policy.',
    ],
    [
      'a statement without a resource',
      {
        UserName: 'alice',
        PolicyName: 'p',
        PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}',
      },
      'MalformedPolicyDocument',
      'Policy statement must contain resources.',
    ],
  ];
  for (const [what, input, code, message] of refusals) {
    test(`refuses ${what}`, () =>
      withHarness(async (h) => {
        await setUp(h);
        await assert.rejects(h.call(PutUserPolicy, input), wardenError(code, message));
      }));
  }
});

describe('group inline policies', () => {
  test('put, get, list, delete; DeleteGroup waits for them', () =>
    withHarness(async (h) => {
      await setUp(h);
      await h.call(PutGroupPolicy, { GroupName: 'devs', PolicyName: 'read', PolicyDocument: doc() });
      assert.deepEqual(await h.call(GetGroupPolicy, { GroupName: 'DEVS', PolicyName: 'READ' }), {
        GroupName: 'devs',
        PolicyName: 'read',
        PolicyDocument: doc(),
      });
      assert.deepEqual((await h.call(ListGroupPolicies, { GroupName: 'devs' })).PolicyNames, ['read']);
      await assert.rejects(
        h.call(DeleteGroup, { GroupName: 'devs' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must delete policies first.'),
      );
      await h.call(DeleteGroupPolicy, { GroupName: 'devs', PolicyName: 'read' });
      await assert.rejects(
        h.call(DeleteGroupPolicy, { GroupName: 'devs', PolicyName: 'read' }),
        wardenError('NoSuchEntity', 'The group policy with name read cannot be found.'),
      );
      await h.call(DeleteGroup, { GroupName: 'devs' });
    }));

  test('the aggregate of a group policies is at most 5120 characters', () =>
    withHarness(async (h) => {
      await setUp(h);
      await h.call(PutGroupPolicy, { GroupName: 'devs', PolicyName: 'a', PolicyDocument: sized(3000) });
      await h.call(PutGroupPolicy, { GroupName: 'devs', PolicyName: 'b', PolicyDocument: sized(2120) });
      await assert.rejects(
        h.call(PutGroupPolicy, { GroupName: 'devs', PolicyName: 'c', PolicyDocument: sized(200) }),
        wardenError('LimitExceeded', 'Maximum policy size of 5120 bytes exceeded for group devs'),
      );
    }));
});
