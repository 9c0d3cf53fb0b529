import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { defaultPolicyViolations } from '../password-policy.ts';
import { harnessWith, START, wardenError, type Harness } from '../testing/harness.ts';
import {
  CreateLoginProfile,
  CreateUser,
  DeleteLoginProfile,
  GetLoginProfile,
  UpdateLoginProfile,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const PASSWORD = 'Correct-Horse-7';

const storedProfile = async (h: Harness, userName: string) =>
  h.store.transaction(async (tx) => {
    const user = await tx.users.getByName(userName);
    return user === undefined ? undefined : tx.loginProfiles.get(user.userId);
  });

describe('password rules without an account policy (AWS default)', () => {
  const cases: [string, boolean][] = [
    ['Correct-Horse-7', true],
    ['abcdEFGH', false], // two classes
    ['abcdEF12', true],
    ['abcd12!?', true],
    ['Ab1!', false], // too short
    ['a'.repeat(126) + 'B1', true],
    ['a'.repeat(127) + 'B1', false], // too long
  ];
  for (const [password, ok] of cases) {
    test(`${password.slice(0, 20)} (${password.length} chars) ${ok ? 'passes' : 'fails'}`, () => {
      assert.equal(defaultPolicyViolations(password).length === 0, ok);
    });
  }
});

describe('CreateLoginProfile and GetLoginProfile', () => {
  test('creates a profile, stores only a hash, and reads it back', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const created = await h.call(CreateLoginProfile, {
        UserName: 'ALICE',
        Password: PASSWORD,
        PasswordResetRequired: true,
      });
      assert.deepEqual(created, {
        LoginProfile: { UserName: 'alice', CreateDate: START, PasswordResetRequired: true },
      });
      assert.deepEqual(await h.call(GetLoginProfile, { UserName: 'alice' }), created);
      const stored = await storedProfile(h, 'alice');
      assert.ok(stored !== undefined && !stored.passwordHash.includes(PASSWORD));
      assert.equal(await h.passwords.verify(PASSWORD, stored.passwordHash), true);
    }));

  test('PasswordResetRequired defaults to false; a user without a name gets its own', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const alice = await h.userCaller('alice');
      await h.run(CreateLoginProfile, { Password: PASSWORD }, alice);
      assert.equal((await h.run(GetLoginProfile, {}, alice)).LoginProfile.PasswordResetRequired, false);
    }));

  const refusals: [string, Parameters<typeof CreateLoginProfile.run>[0], string, string | RegExp][] = [
    [
      'a second profile',
      { UserName: 'alice', Password: PASSWORD },
      'EntityAlreadyExists',
      'Login Profile for user alice already exists.',
    ],
    [
      'an unknown user',
      { UserName: 'ghost', Password: PASSWORD },
      'NoSuchEntity',
      'The user with name ghost cannot be found.',
    ],
    [
      'a weak password',
      { UserName: 'bob', Password: 'password' },
      'PasswordPolicyViolation',
      /^Password does not conform to the account password policy\. /,
    ],
    [
      'no password',
      { UserName: 'bob' },
      'ValidationError',
      /'password' failed to satisfy constraint: Member must not be null/,
    ],
    [
      'the root without a name',
      { Password: PASSWORD },
      'ValidationError',
      'Must specify userName when calling with non-User credentials',
    ],
  ];
  for (const [what, input, code, message] of refusals) {
    test(`refuses ${what}`, () =>
      withHarness(async (h) => {
        await h.call(CreateUser, { UserName: 'alice' });
        await h.call(CreateUser, { UserName: 'bob' });
        await h.call(CreateLoginProfile, { UserName: 'alice', Password: PASSWORD });
        await assert.rejects(h.call(CreateLoginProfile, input), wardenError(code, message));
      }));
  }

  test('GetLoginProfile of a user without one is NoSuchEntity', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await assert.rejects(
        h.call(GetLoginProfile, { UserName: 'alice' }),
        wardenError('NoSuchEntity', 'Login Profile for User alice cannot be found.'),
      );
    }));
});

describe('UpdateLoginProfile and DeleteLoginProfile', () => {
  test('changes the password and/or the reset flag, keeping what is not given', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateLoginProfile, { UserName: 'alice', Password: PASSWORD });
      h.clock.advance(60_000);
      await h.call(UpdateLoginProfile, { UserName: 'alice', PasswordResetRequired: true });
      const flagOnly = await storedProfile(h, 'alice');
      assert.equal(flagOnly?.passwordResetRequired, true);
      assert.equal(await h.passwords.verify(PASSWORD, flagOnly?.passwordHash ?? ''), true);
      await h.call(UpdateLoginProfile, { UserName: 'alice', Password: 'Another-Pass-8' });
      const changed = await storedProfile(h, 'alice');
      assert.equal(changed?.passwordResetRequired, true);
      assert.equal(await h.passwords.verify('Another-Pass-8', changed?.passwordHash ?? ''), true);
      assert.deepEqual(changed?.passwordChangedDate, new Date(START.getTime() + 60_000));
      assert.deepEqual(changed?.createDate, START);
    }));

  test('refuses a weak password, a user without a profile, and an unknown user', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateUser, { UserName: 'bob' });
      await h.call(CreateLoginProfile, { UserName: 'alice', Password: PASSWORD });
      await assert.rejects(
        h.call(UpdateLoginProfile, { UserName: 'alice', Password: 'short' }),
        wardenError('PasswordPolicyViolation', /password policy/),
      );
      await assert.rejects(
        h.call(UpdateLoginProfile, { UserName: 'bob', PasswordResetRequired: false }),
        wardenError('NoSuchEntity', 'Login Profile for User bob cannot be found.'),
      );
      await assert.rejects(
        h.call(UpdateLoginProfile, { UserName: 'ghost' }),
        wardenError('NoSuchEntity', /ghost/),
      );
    }));

  test('DeleteLoginProfile removes it; a second delete is NoSuchEntity', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateLoginProfile, { UserName: 'alice', Password: PASSWORD });
      await h.call(DeleteLoginProfile, { UserName: 'alice' });
      assert.equal(await storedProfile(h, 'alice'), undefined);
      await assert.rejects(
        h.call(DeleteLoginProfile, { UserName: 'alice' }),
        wardenError('NoSuchEntity', 'Login Profile for User alice cannot be found.'),
      );
    }));
});
