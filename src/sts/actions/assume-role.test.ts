import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as iam from '../../iam/actions/index.ts';
import { allowStmt, denyStmt, doc, putUserPolicy } from '../../iam/authz/test-kit.ts';
import { harnessWith, wardenError, type Harness } from '../../iam/testing/harness.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { callerOfCredentials } from '../testing.ts';
import { AssumeRole } from './assume-role.ts';
import { GetCallerIdentity } from './get-caller-identity.ts';

const withHarness = harnessWith(openSqliteStore);
const ACCT = '123456789012';
const USER_ARN = `arn:aws:iam::${ACCT}:user/alice`;
const ROLE_ARN = `arn:aws:iam::${ACCT}:role/ops/deploy`;

const trust = (principal: object, extra: object = {}, actions: string | string[] = 'sts:AssumeRole') =>
  doc({ Effect: 'Allow', Principal: principal, Action: actions, ...extra });

/** alice, and role ops/deploy trusting her by ARN, allowed iam:List* and iam:GetUser. */
async function world(h: Harness, trustPolicy = trust({ AWS: USER_ARN }), maxSessionDuration?: number) {
  await h.call(iam.CreateUser, { UserName: 'alice' });
  await h.call(iam.CreateRole, {
    RoleName: 'deploy',
    Path: '/ops/',
    AssumeRolePolicyDocument: trustPolicy,
    ...(maxSessionDuration === undefined ? {} : { MaxSessionDuration: maxSessionDuration }),
  });
  await h.call(iam.PutRolePolicy, {
    RoleName: 'deploy',
    PolicyName: 'p',
    PolicyDocument: doc(allowStmt(['iam:List*', 'iam:GetUser'])),
  });
  return h.userCaller('alice');
}

const assume = (input: Partial<Parameters<typeof AssumeRole.run>[0]> = {}) => ({
  RoleArn: ROLE_ARN,
  RoleSessionName: 'build-1',
  ...input,
});

describe('AssumeRole', () => {
  test('a trust policy naming the user suffices; the session acts as the role and GetCallerIdentity shows it', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      const out = await h.call(AssumeRole, assume(), alice);
      const role = await h.store.transaction((tx) => tx.roles.getByName('deploy'));
      assert.match(out.Credentials.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(out.Credentials.SecretAccessKey.length, 40);
      assert.ok(out.Credentials.SessionToken.length > 100);
      assert.deepEqual(out.Credentials.Expiration, new Date(h.clock.now().getTime() + 3600_000));
      assert.deepEqual(out.AssumedRoleUser, {
        AssumedRoleId: `${role?.roleId}:build-1`,
        Arn: `arn:aws:sts::${ACCT}:assumed-role/deploy/build-1`,
      });
      assert.equal(out.PackedPolicySize, undefined);
      const session = await callerOfCredentials(h, out.Credentials);
      assert.deepEqual(await h.call(GetCallerIdentity, {}, session), {
        UserId: `${role?.roleId}:build-1`,
        Account: ACCT,
        Arn: `arn:aws:sts::${ACCT}:assumed-role/deploy/build-1`,
      });
      await h.call(iam.ListUsers, {}, session);
      await assert.rejects(
        h.call(iam.CreateUser, { UserName: 'x' }, session),
        wardenError(
          'AccessDenied',
          `User: arn:aws:sts::${ACCT}:assumed-role/deploy/build-1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCT}:user/x because no identity-based policy allows the iam:CreateUser action`,
        ),
      );
    }));

  test('root may not assume roles; an unknown role is AccessDenied without saying so', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      await assert.rejects(
        h.call(AssumeRole, assume()),
        wardenError('AccessDenied', 'Roles may not be assumed by root accounts.'),
      );
      const missing = `arn:aws:iam::${ACCT}:role/ops/nope`;
      const message = `User: ${USER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${missing}`;
      await assert.rejects(
        h.call(AssumeRole, assume({ RoleArn: missing }), alice),
        wardenError('AccessDenied', message),
      );
      // The ARN names the role with its path.
      await assert.rejects(
        h.call(AssumeRole, assume({ RoleArn: `arn:aws:iam::${ACCT}:role/deploy` }), alice),
        wardenError('AccessDenied', /not authorized to perform: sts:AssumeRole/),
      );
    }));

  test('a trust policy naming only the account needs the identity allow; someone else is refused by the trust policy', () =>
    withHarness(async (h) => {
      const alice = await world(h, trust({ AWS: ACCT }));
      await assert.rejects(
        h.call(AssumeRole, assume(), alice),
        wardenError(
          'AccessDenied',
          `User: ${USER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN} because no identity-based policy allows the sts:AssumeRole action`,
        ),
      );
      await putUserPolicy(h, 'alice', 'assume', doc(allowStmt('sts:AssumeRole', ROLE_ARN)));
      await h.call(AssumeRole, assume(), alice);
      await h.call(iam.CreateUser, { UserName: 'bob' });
      await h.call(iam.UpdateAssumeRolePolicy, {
        RoleName: 'deploy',
        PolicyDocument: trust({ AWS: `arn:aws:iam::${ACCT}:user/bob` }),
      });
      await assert.rejects(
        h.call(AssumeRole, assume(), alice),
        wardenError('AccessDenied', /because no role trust policy allows the sts:AssumeRole action$/),
      );
      // An explicit deny in the caller's policies wins over the trust policy's grant.
      await h.call(iam.UpdateAssumeRolePolicy, {
        RoleName: 'deploy',
        PolicyDocument: trust({ AWS: USER_ARN }),
      });
      await putUserPolicy(h, 'alice', 'no', doc(denyStmt('sts:AssumeRole')));
      await assert.rejects(
        h.call(AssumeRole, assume(), alice),
        wardenError('AccessDenied', /with an explicit deny in an identity-based policy$/),
      );
    }));

  test('ExternalId: required by the trust condition, compared exactly', () =>
    withHarness(async (h) => {
      const alice = await world(
        h,
        trust({ AWS: USER_ARN }, { Condition: { StringEquals: { 'sts:ExternalId': 'Unique-42' } } }),
      );
      await assert.rejects(
        h.call(AssumeRole, assume(), alice),
        wardenError('AccessDenied', /no role trust policy/),
      );
      await assert.rejects(
        h.call(AssumeRole, assume({ ExternalId: 'unique-42' }), alice),
        wardenError('AccessDenied', /no role trust policy/),
      );
      await h.call(AssumeRole, assume({ ExternalId: 'Unique-42' }), alice);
    }));

  test('DurationSeconds: within the role maximum; chaining is capped at one hour', () =>
    withHarness(async (h) => {
      const alice = await world(h, trust({ AWS: USER_ARN }), 7200);
      // The role names itself once it exists.
      await h.call(iam.UpdateAssumeRolePolicy, {
        RoleName: 'deploy',
        PolicyDocument: trust({ AWS: [USER_ARN, ROLE_ARN] }),
      });
      await assert.rejects(
        h.call(AssumeRole, assume({ DurationSeconds: 7201 }), alice),
        wardenError(
          'ValidationError',
          'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        ),
      );
      const out = await h.call(AssumeRole, assume({ DurationSeconds: 7200 }), alice);
      assert.deepEqual(out.Credentials.Expiration, new Date(h.clock.now().getTime() + 7200_000));
      const session = await callerOfCredentials(h, out.Credentials);
      await assert.rejects(
        h.call(AssumeRole, assume({ DurationSeconds: 3601, RoleSessionName: 'again' }), session),
        wardenError(
          'ValidationError',
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        ),
      );
      // The role's own sessions may assume it again (the trust policy names the role): chained.
      const chained = await h.call(
        AssumeRole,
        assume({ DurationSeconds: 3600, RoleSessionName: 'again' }),
        session,
      );
      const record = await h.store.transaction((tx) => tx.sessions.get(chained.Credentials.AccessKeyId));
      assert.equal(record?.chainedFrom, out.Credentials.AccessKeyId);
    }));

  test('expiry is enforced at the clock; a wrong or missing token is invalid', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      const out = await h.call(AssumeRole, assume({ DurationSeconds: 900 }), alice);
      await assert.rejects(
        callerOfCredentials(h, out.Credentials, null),
        wardenError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      );
      await assert.rejects(
        callerOfCredentials(h, out.Credentials, `${out.Credentials.SessionToken}x`),
        wardenError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      );
      h.clock.advance(899_999);
      await callerOfCredentials(h, out.Credentials);
      h.clock.advance(1);
      await assert.rejects(
        callerOfCredentials(h, out.Credentials),
        wardenError('ExpiredToken', 'The security token included in the request is expired'),
      );
    }));

  test('sessions are purged a day after they expire; until then they answer ExpiredToken', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      const out = await h.call(AssumeRole, assume({ DurationSeconds: 900 }), alice);
      h.clock.advance(900_000 + 24 * 3600_000 - 1);
      await h.call(AssumeRole, assume(), alice);
      await assert.rejects(callerOfCredentials(h, out.Credentials), wardenError('ExpiredToken', /expired/));
      h.clock.advance(2);
      await h.call(AssumeRole, assume(), alice);
      assert.equal(
        await h.store.transaction((tx) => tx.sessions.get(out.Credentials.AccessKeyId)),
        undefined,
      );
      await assert.rejects(
        callerOfCredentials(h, out.Credentials),
        wardenError('InvalidClientTokenId', /invalid/),
      );
    }));

  test('a role session is no user: IAM actions on "myself" need a UserName, in AWS words', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      const session = await callerOfCredentials(h, (await h.call(AssumeRole, assume(), alice)).Credentials);
      await assert.rejects(
        h.call(iam.GetUser, {}, session),
        wardenError('ValidationError', 'Must specify userName when calling with non-User credentials'),
      );
      assert.equal((await h.call(iam.GetUser, { UserName: 'alice' }, session)).User.Arn, USER_ARN);
    }));

  test('session policies narrow the role (inline and managed); an explicit deny in them wins', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      const narrow = doc(allowStmt('iam:ListUsers'));
      const s1 = await callerOfCredentials(
        h,
        (await h.call(AssumeRole, assume({ Policy: narrow }), alice)).Credentials,
      );
      await h.call(iam.ListUsers, {}, s1);
      await assert.rejects(
        h.call(iam.ListGroups, {}, s1),
        wardenError('AccessDenied', /because no session policy allows the iam:ListGroups action$/),
      );
      // A session policy cannot widen the role: iam:CreateUser is in neither.
      const wide = doc(allowStmt('*'));
      const s2 = await callerOfCredentials(
        h,
        (await h.call(AssumeRole, assume({ Policy: wide }), alice)).Credentials,
      );
      await assert.rejects(
        h.call(iam.CreateUser, { UserName: 'x' }, s2),
        wardenError('AccessDenied', /identity-based/),
      );
      const managed = await h.call(
        AssumeRole,
        assume({ PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }] }),
        alice,
      );
      assert.equal(typeof managed.PackedPolicySize, 'number');
      const s3 = await callerOfCredentials(h, managed.Credentials);
      await h.call(iam.ListGroups, {}, s3);
      await assert.rejects(
        h.call(
          AssumeRole,
          assume({ Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}' }),
          alice,
        ),
        wardenError('MalformedPolicyDocument', /.+/),
      );
    }));

  test('deleting the role ends its sessions on their next call; changing its policies is seen at once', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      const out = await h.call(AssumeRole, assume(), alice);
      const session = await callerOfCredentials(h, out.Credentials);
      await h.call(iam.ListUsers, {}, session);
      await h.call(iam.DeleteRolePolicy, { RoleName: 'deploy', PolicyName: 'p' });
      await assert.rejects(
        h.call(iam.ListUsers, {}, session),
        wardenError('AccessDenied', /no identity-based policy/),
      );
      await h.call(iam.DeleteRole, { RoleName: 'deploy' });
      await assert.rejects(
        callerOfCredentials(h, out.Credentials),
        wardenError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      );
      // A new role with the same name is another role: the old session stays dead.
      await h.call(iam.CreateRole, {
        RoleName: 'deploy',
        Path: '/ops/',
        AssumeRolePolicyDocument: trust({ AWS: USER_ARN }),
      });
      await assert.rejects(
        callerOfCredentials(h, out.Credentials),
        wardenError('InvalidClientTokenId', /invalid/),
      );
    }));

  test('session tags: sts:TagSession needed, aws:RequestTag in the trust check, aws:PrincipalTag in the session over the role tags', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      await h.call(iam.TagRole, { RoleName: 'deploy', Tags: [{ Key: 'team', Value: 'blue' }] });
      const tagged = assume({ Tags: [{ Key: 'Team', Value: 'red' }], TransitiveTagKeys: ['Team'] });
      await assert.rejects(h.call(AssumeRole, tagged, alice), wardenError('AccessDenied', /sts:TagSession/));
      await h.call(iam.UpdateAssumeRolePolicy, {
        RoleName: 'deploy',
        PolicyDocument: doc(
          { Effect: 'Allow', Principal: { AWS: USER_ARN }, Action: 'sts:AssumeRole' },
          {
            Effect: 'Allow',
            Principal: { AWS: USER_ARN },
            Action: 'sts:TagSession',
            Condition: { StringEquals: { 'aws:RequestTag/Team': 'red' } },
          },
        ),
      });
      await assert.rejects(
        h.call(AssumeRole, assume({ Tags: [{ Key: 'Team', Value: 'green' }] }), alice),
        wardenError('AccessDenied', /sts:TagSession/),
      );
      const out = await h.call(AssumeRole, tagged, alice);
      assert.equal(typeof out.PackedPolicySize, 'number');
      await h.call(iam.PutRolePolicy, {
        RoleName: 'deploy',
        PolicyName: 'p',
        PolicyDocument: doc(
          allowStmt('iam:ListUsers', '*', {
            Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
          }),
        ),
      });
      const session = await callerOfCredentials(h, out.Credentials);
      await h.call(iam.ListUsers, {}, session);
      // Without session tags the role's own tag (blue) applies.
      await h.call(iam.UpdateAssumeRolePolicy, {
        RoleName: 'deploy',
        PolicyDocument: trust({ AWS: USER_ARN }),
      });
      const plain = await callerOfCredentials(h, (await h.call(AssumeRole, assume(), alice)).Credentials);
      await assert.rejects(
        h.call(iam.ListUsers, {}, plain),
        wardenError('AccessDenied', /no identity-based policy/),
      );
    }));

  test('SourceIdentity needs sts:SetSourceIdentity and persists along the chain', () =>
    withHarness(async (h) => {
      const alice = await world(h);
      await h.call(iam.UpdateAssumeRolePolicy, {
        RoleName: 'deploy',
        PolicyDocument: trust({ AWS: [USER_ARN, ROLE_ARN] }, {}, ['sts:AssumeRole', 'sts:SetSourceIdentity']),
      });
      const out = await h.call(AssumeRole, assume({ SourceIdentity: 'alice@example.com' }), alice);
      assert.equal(out.SourceIdentity, 'alice@example.com');
      const session = await callerOfCredentials(h, out.Credentials);
      assert.equal(session.session?.sourceIdentity, 'alice@example.com');
      const chained = await h.call(AssumeRole, assume({ RoleSessionName: 'next' }), session);
      assert.equal(chained.SourceIdentity, 'alice@example.com');
      await assert.rejects(
        h.call(AssumeRole, assume({ RoleSessionName: 'next', SourceIdentity: 'mallory' }), session),
        wardenError('AccessDenied', /cannot be changed/),
      );
      await h.call(iam.UpdateAssumeRolePolicy, {
        RoleName: 'deploy',
        PolicyDocument: trust({ AWS: USER_ARN }),
      });
      await assert.rejects(
        h.call(AssumeRole, assume({ SourceIdentity: 'alice' }), alice),
        wardenError('AccessDenied', /sts:SetSourceIdentity/),
      );
    }));
});
