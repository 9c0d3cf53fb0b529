import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateUser } from '../../iam/actions/index.ts';
import { harnessWith } from '../../iam/testing/harness.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { GetCallerIdentity } from './get-caller-identity.ts';

const withHarness = harnessWith(openSqliteStore);

test('GetCallerIdentity: the root is the account, a user is its ARN and AIDA id', () =>
  withHarness(async (h) => {
    assert.deepEqual(await h.call(GetCallerIdentity, {}), {
      UserId: '123456789012',
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
    });
    const { User } = await h.call(CreateUser, { UserName: 'alice', Path: '/eng/' });
    // Allowed although the user has no policy: GetCallerIdentity needs no permission.
    assert.deepEqual(await h.call(GetCallerIdentity, {}, await h.userCaller('alice')), {
      UserId: User.UserId,
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/eng/alice',
    });
  }));
