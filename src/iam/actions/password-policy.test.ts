import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { Caller } from '../action.ts';
import { allowStmt, denyStmt, doc, putUserPolicy, setBoundary, createManaged } from '../authz/test-kit.ts';
import { customPolicyViolations, passwordExpiry, POLICY_DEFAULTS } from '../password-policy.ts';
import { harnessWith, START, wardenError, type Harness } from '../testing/harness.ts';
import {
  ChangePassword,
  CreateLoginProfile,
  CreateUser,
  DeleteAccountPasswordPolicy,
  DeleteLoginProfile,
  GetAccountPasswordPolicy,
  GetLoginProfile,
  UpdateAccountPasswordPolicy,
  UpdateLoginProfile,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);
const DAY = 24 * 60 * 60 * 1000;
const NO_POLICY = 'The Password Policy with domain name ACCOUNT cannot be found.';

const storedProfile = (h: Harness, userName: string) =>
  h.store.transaction(async (tx) => {
    const user = await tx.users.getByName(userName);
    return user === undefined ? undefined : tx.loginProfiles.get(user.userId);
  });

/** alice with a password, and her caller. */
async function alice(h: Harness, password = 'Alice-Pass-1'): Promise<Caller> {
  await h.call(CreateUser, { UserName: 'alice', Path: '/eng/' });
  await h.call(CreateLoginProfile, { UserName: 'alice', Password: password });
  return h.userCaller('alice');
}

describe('UpdateAccountPasswordPolicy, GetAccountPasswordPolicy, DeleteAccountPasswordPolicy', () => {
  test('none at first: NoSuchEntity in AWS words, for Get and Delete', () =>
    withHarness(async (h) => {
      await assert.rejects(h.call(GetAccountPasswordPolicy, {}), wardenError('NoSuchEntity', NO_POLICY));
      await assert.rejects(h.call(DeleteAccountPasswordPolicy, {}), wardenError('NoSuchEntity', NO_POLICY));
    }));

  test('every field round-trips; ExpirePasswords follows MaxPasswordAge', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, {
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
        HardExpiry: true,
      });
      assert.deepEqual(await h.call(GetAccountPasswordPolicy, {}), {
        PasswordPolicy: {
          MinimumPasswordLength: 14,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true,
          ExpirePasswords: true,
          MaxPasswordAge: 90,
          PasswordReusePrevention: 24,
          HardExpiry: true,
        },
      });
    }));

  test('an update replaces the whole policy: omitted fields go back to their defaults', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, {
        MinimumPasswordLength: 20,
        MaxPasswordAge: 30,
        RequireSymbols: true,
      });
      await h.call(UpdateAccountPasswordPolicy, { RequireNumbers: true });
      assert.deepEqual(await h.call(GetAccountPasswordPolicy, {}), {
        PasswordPolicy: {
          MinimumPasswordLength: 6,
          RequireSymbols: false,
          RequireNumbers: true,
          RequireUppercaseCharacters: false,
          RequireLowercaseCharacters: false,
          AllowUsersToChangePassword: false,
          ExpirePasswords: false,
          HardExpiry: false,
        },
      });
      await h.call(DeleteAccountPasswordPolicy, {});
      await assert.rejects(h.call(GetAccountPasswordPolicy, {}), wardenError('NoSuchEntity', NO_POLICY));
    }));
});

describe('the rules a new password must meet', () => {
  const all = {
    ...POLICY_DEFAULTS,
    minimumPasswordLength: 10,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
  };
  const cases: [string, string[]][] = [
    ['Abcdefgh1!', []],
    ['Abcdefg1!', ['at least 10 characters']],
    ['abcdefgh1!', ['one uppercase letter']],
    ['ABCDEFGH1!', ['one lowercase letter']],
    ['Abcdefghi!', ['one number']],
    ['Abcdefghi1', ['one symbol']],
    ["Abcdefgh1'", []], // ' is one of AWS's symbols
    ['Abcdefgh1~', ['one symbol']], // ~ is not
    ['abc', ['at least 10 characters', 'one uppercase letter', 'one number', 'one symbol']],
  ];
  for (const [password, broken] of cases) {
    test(`${password}: ${broken.length === 0 ? 'conforms' : broken.join(', ')}`, () => {
      const got = customPolicyViolations(password, all);
      assert.equal(got.length, broken.length, got.join('; '));
      broken.forEach((rule, i) => assert.match(got[i] ?? '', new RegExp(rule.replace(/[()]/g, '\\$&'))));
    });
  }

  test('CreateLoginProfile, UpdateLoginProfile and ChangePassword refuse naming each rule broken', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, {
        MinimumPasswordLength: 12,
        RequireNumbers: true,
        RequireSymbols: true,
        AllowUsersToChangePassword: true,
      });
      await h.call(CreateUser, { UserName: 'alice' });
      const expected = wardenError(
        'PasswordPolicyViolation',
        'Password does not conform to the account password policy. Password should have at least 12 ' +
          "characters; Password should have at least one number; Password should have at least one symbol (! @ # $ % ^ & * ( ) _ + - = [ ] { } | ').",
      );
      await assert.rejects(h.call(CreateLoginProfile, { UserName: 'alice', Password: 'short' }), expected);
      // A policy stricter than AWS's default, and a password the default would refuse, now allowed.
      await h.call(UpdateAccountPasswordPolicy, { MinimumPasswordLength: 6 });
      await h.call(CreateLoginProfile, { UserName: 'alice', Password: 'simple' });
      await h.call(UpdateAccountPasswordPolicy, {
        MinimumPasswordLength: 12,
        AllowUsersToChangePassword: true,
      });
      await assert.rejects(
        h.call(UpdateLoginProfile, { UserName: 'alice', Password: 'short' }),
        wardenError('PasswordPolicyViolation', /at least 12 characters\.$/),
      );
      const caller = await h.userCaller('alice');
      await assert.rejects(
        h.call(ChangePassword, { OldPassword: 'simple', NewPassword: 'short' }, caller),
        wardenError('PasswordPolicyViolation', /at least 12 characters\.$/),
      );
      // Existing passwords are not re-checked: a rule applies at the next change.
      assert.equal((await h.call(GetLoginProfile, { UserName: 'alice' })).LoginProfile.UserName, 'alice');
    }));

  test('without a custom policy AWS default rules apply; after DeleteAccountPasswordPolicy too', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await assert.rejects(
        h.call(CreateLoginProfile, { UserName: 'alice', Password: 'simple' }),
        wardenError('PasswordPolicyViolation', /at least 8 characters; .*three of/),
      );
      await h.call(UpdateAccountPasswordPolicy, {});
      await h.call(DeleteAccountPasswordPolicy, {});
      await assert.rejects(
        h.call(CreateLoginProfile, { UserName: 'alice', Password: 'simplepassword' }),
        wardenError('PasswordPolicyViolation', /three of/),
      );
    }));
});

describe('PasswordReusePrevention', () => {
  test('the last N passwords (checked against their hashes) cannot come back; older ones can', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, {
        PasswordReusePrevention: 2,
        AllowUsersToChangePassword: true,
      });
      const caller = await alice(h, 'Password-1');
      await h.call(ChangePassword, { OldPassword: 'Password-1', NewPassword: 'Password-2' }, caller);
      for (const reused of ['Password-1', 'Password-2']) {
        await assert.rejects(
          h.call(ChangePassword, { OldPassword: 'Password-2', NewPassword: reused }, caller),
          wardenError('PasswordPolicyViolation', /not be one of the last 2 passwords used\.$/),
        );
      }
      await h.call(ChangePassword, { OldPassword: 'Password-2', NewPassword: 'Password-3' }, caller);
      // Password-1 is now three passwords back.
      await h.call(UpdateLoginProfile, { UserName: 'alice', Password: 'Password-1' });
      await assert.rejects(
        h.call(UpdateLoginProfile, { UserName: 'alice', Password: 'Password-3' }),
        wardenError('PasswordPolicyViolation', /last 2 passwords/),
      );
    }));

  test('the history outlives the login profile, and only hashes are kept', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, { PasswordReusePrevention: 5 });
      await alice(h, 'Password-1');
      await h.call(DeleteLoginProfile, { UserName: 'alice' });
      await assert.rejects(
        h.call(CreateLoginProfile, { UserName: 'alice', Password: 'Password-1' }),
        wardenError('PasswordPolicyViolation', /last 5 passwords/),
      );
      const history = await h.store.transaction(async (tx) => {
        const user = await tx.users.getByName('alice');
        return tx.passwordHistory.recent(user?.userId ?? '', 24);
      });
      assert.equal(history.length, 1);
      assert.ok(!history[0]?.passwordHash.includes('Password-1'));
    }));
});

describe('MaxPasswordAge and HardExpiry (time travel)', () => {
  test('passwordExpiry: valid, then expired at MaxPasswordAge days; a change restarts the clock', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, { MaxPasswordAge: 30, AllowUsersToChangePassword: true });
      const caller = await alice(h);
      const policy = await h.store.transaction((tx) => tx.passwordPolicy.get());
      const expiry = async () => passwordExpiry((await storedProfile(h, 'alice'))!, policy, h.clock.now());
      assert.deepEqual(await expiry(), { state: 'valid', expiresAt: new Date(START.getTime() + 30 * DAY) });
      h.clock.advance(30 * DAY - 1);
      assert.equal((await expiry()).state, 'valid');
      h.clock.advance(1);
      assert.equal((await expiry()).state, 'expired');
      // An expired password may still be changed by its user (the console forces it at sign-in).
      await h.call(ChangePassword, { OldPassword: 'Alice-Pass-1', NewPassword: 'Alice-Pass-2' }, caller);
      assert.equal((await expiry()).state, 'valid');
    }));

  test('no MaxPasswordAge: never expires; lowering it applies at once', () =>
    withHarness(async (h) => {
      await alice(h);
      const profile = (await storedProfile(h, 'alice'))!;
      h.clock.advance(3000 * DAY);
      assert.deepEqual(passwordExpiry(profile, undefined, h.clock.now()), { state: 'valid' });
      assert.equal(
        passwordExpiry(profile, { ...POLICY_DEFAULTS, maxPasswordAge: 1095 }, h.clock.now()).state,
        'expired',
      );
    }));

  test('HardExpiry: an expired user cannot change it; an administrator resets it', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, {
        MaxPasswordAge: 1,
        HardExpiry: true,
        AllowUsersToChangePassword: true,
      });
      const caller = await alice(h);
      h.clock.advance(DAY);
      const policy = await h.store.transaction((tx) => tx.passwordPolicy.get());
      assert.equal(
        passwordExpiry((await storedProfile(h, 'alice'))!, policy, h.clock.now()).state,
        'hard-expired',
      );
      await assert.rejects(
        h.call(ChangePassword, { OldPassword: 'Alice-Pass-1', NewPassword: 'Alice-Pass-2' }, caller),
        wardenError('AccessDenied', /only an administrator/),
      );
      await h.call(UpdateLoginProfile, {
        UserName: 'alice',
        Password: 'Alice-Pass-3',
        PasswordResetRequired: true,
      });
      const reset = (await storedProfile(h, 'alice'))!;
      assert.equal(passwordExpiry(reset, policy, h.clock.now()).state, 'valid');
      assert.equal(reset.passwordResetRequired, true);
    }));
});

describe('ChangePassword', () => {
  test('checks the old password, stores the new hash, clears PasswordResetRequired', () =>
    withHarness(async (h) => {
      await h.call(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true });
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateLoginProfile, {
        UserName: 'alice',
        Password: 'Alice-Pass-1',
        PasswordResetRequired: true,
      });
      const caller = await h.userCaller('alice');
      await assert.rejects(
        h.call(ChangePassword, { OldPassword: 'wrong', NewPassword: 'Alice-Pass-2' }, caller),
        wardenError('AccessDenied', 'The old password is incorrect.'),
      );
      h.clock.advance(1000);
      await h.call(ChangePassword, { OldPassword: 'Alice-Pass-1', NewPassword: 'Alice-Pass-2' }, caller);
      const profile = (await storedProfile(h, 'alice'))!;
      assert.equal(await h.passwords.verify('Alice-Pass-2', profile.passwordHash), true);
      assert.equal(profile.passwordResetRequired, false);
      assert.deepEqual(profile.passwordChangedDate, h.clock.now());
    }));

  test('the root is not an IAM user (InvalidUserType); a user without a password gets NoSuchEntity', () =>
    withHarness(async (h) => {
      await assert.rejects(
        h.call(ChangePassword, { OldPassword: 'a', NewPassword: 'b' }),
        wardenError('InvalidUserType', 'Only IAM Users can change their own password.'),
      );
      await h.call(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true });
      await h.call(CreateUser, { UserName: 'bob' });
      await assert.rejects(
        h.call(ChangePassword, { OldPassword: 'a', NewPassword: 'Bob-Pass-123' }, await h.userCaller('bob')),
        wardenError('NoSuchEntity', 'Login Profile for User bob cannot be found.'),
      );
    }));

  const change = { OldPassword: 'Alice-Pass-1', NewPassword: 'Alice-Pass-2' };
  const self = 'arn:aws:iam::123456789012:user/eng/alice';

  test('permission: neither the account setting nor a policy -> AccessDenied on the user itself', () =>
    withHarness(async (h) => {
      const caller = await alice(h);
      await assert.rejects(
        h.call(ChangePassword, change, caller),
        wardenError(
          'AccessDenied',
          new RegExp(`perform: iam:ChangePassword on resource: ${self} because no identity-based`),
        ),
      );
      await assert.rejects(
        h.call(GetAccountPasswordPolicy, {}, caller),
        wardenError('AccessDenied', /GetAccountPasswordPolicy/),
      );
    }));

  test('permission: AllowUsersToChangePassword alone lets every user change its own and read the policy', () =>
    withHarness(async (h) => {
      const caller = await alice(h);
      await h.call(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true });
      await h.call(ChangePassword, change, caller);
      assert.equal(
        (await h.call(GetAccountPasswordPolicy, {}, caller)).PasswordPolicy.AllowUsersToChangePassword,
        true,
      );
      // Turned off again: the next request sees it (the authorizer's cache follows the epoch).
      await h.call(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: false });
      await assert.rejects(
        h.call(ChangePassword, { OldPassword: 'Alice-Pass-2', NewPassword: 'Alice-Pass-3' }, caller),
        wardenError('AccessDenied', /iam:ChangePassword/),
      );
    }));

  test('permission: a policy allowing iam:ChangePassword on its own ARN is enough without the setting', () =>
    withHarness(async (h) => {
      const caller = await alice(h);
      await putUserPolicy(
        h,
        'alice',
        'own',
        doc(allowStmt('iam:ChangePassword', 'arn:aws:iam::*:user/*/${aws:username}')),
      );
      await h.call(ChangePassword, change, caller);
    }));

  test('permission: an explicit Deny beats the account setting; so does a boundary that does not allow it', () =>
    withHarness(async (h) => {
      const caller = await alice(h);
      await h.call(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true });
      await putUserPolicy(h, 'alice', 'no', doc(denyStmt('iam:ChangePassword')));
      await assert.rejects(
        h.call(ChangePassword, change, caller),
        wardenError('AccessDenied', /explicit deny/),
      );
      await putUserPolicy(h, 'alice', 'no', doc(allowStmt('iam:GetUser')));
      const boundary = await createManaged(h, 'ReadOnly', doc(allowStmt('iam:Get*')));
      await setBoundary(h, 'alice', boundary.arn);
      await assert.rejects(
        h.call(ChangePassword, change, caller),
        wardenError('AccessDenied', /permissions boundary/),
      );
      await setBoundary(h, 'alice', null);
      await h.call(ChangePassword, change, caller);
    }));
});
