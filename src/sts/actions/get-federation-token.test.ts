import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as iam from '../../iam/actions/index.ts';
import { allowStmt, doc, putUserPolicy } from '../../iam/authz/test-kit.ts';
import { harnessWith, wardenError } from '../../iam/testing/harness.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { checkSessionRestrictions } from '../session-restrictions.ts';
import { callerOfCredentials } from '../testing.ts';
import { GetCallerIdentity } from './get-caller-identity.ts';
import { GetFederationToken } from './get-federation-token.ts';
import { GetSessionToken } from './get-session-token.ts';

const withHarness = harnessWith(openSqliteStore);
const ACCT = '123456789012';
const FED_ARN = `arn:aws:sts::${ACCT}:federated-user/bob`;

test('GetFederationToken: needs its permission; the session is the user ∩ its session policies, nothing without them', () =>
  withHarness(async (h) => {
    await h.call(iam.CreateUser, { UserName: 'alice' });
    const alice = await h.userCaller('alice');
    await assert.rejects(
      h.call(GetFederationToken, { Name: 'bob' }, alice),
      wardenError(
        'AccessDenied',
        `User: arn:aws:iam::${ACCT}:user/alice is not authorized to perform: sts:GetFederationToken on resource: ${FED_ARN} because no identity-based policy allows the sts:GetFederationToken action`,
      ),
    );
    await putUserPolicy(h, 'alice', 'p', doc(allowStmt(['sts:GetFederationToken', 'iam:List*'])));
    const bare = await h.call(GetFederationToken, { Name: 'bob' }, alice);
    assert.deepEqual(bare.FederatedUser, { FederatedUserId: `${ACCT}:bob`, Arn: FED_ARN });
    assert.equal(bare.PackedPolicySize, 0);
    assert.deepEqual(bare.Credentials.Expiration, new Date(h.clock.now().getTime() + 43_200_000));
    const nothing = await callerOfCredentials(h, bare.Credentials);
    assert.deepEqual(await h.call(GetCallerIdentity, {}, nothing), {
      UserId: `${ACCT}:bob`,
      Account: ACCT,
      Arn: FED_ARN,
    });
    await assert.rejects(
      h.call(iam.ListUsers, {}, nothing),
      wardenError('AccessDenied', /no session policy allows/),
    );
    const scoped = await h.call(
      GetFederationToken,
      { Name: 'bob', Policy: doc(allowStmt(['iam:ListUsers', 'iam:CreateUser'])) },
      alice,
    );
    assert.ok(scoped.PackedPolicySize > 0);
    const session = await callerOfCredentials(h, scoped.Credentials);
    await h.call(iam.ListUsers, {}, session);
    await assert.rejects(
      h.call(iam.ListGroups, {}, session),
      wardenError('AccessDenied', /no session policy/),
    );
    // The session policy cannot widen the user: iam:CreateUser is not alice's.
    await assert.rejects(
      h.call(iam.CreateUser, { UserName: 'x' }, session),
      wardenError('AccessDenied', /identity-based/),
    );
    // Not with session credentials.
    const token = await callerOfCredentials(h, (await h.call(GetSessionToken, {}, alice)).Credentials);
    await assert.rejects(
      h.call(GetFederationToken, { Name: 'bob' }, token),
      wardenError('AccessDenied', 'Cannot call GetFederationToken with session credentials'),
    );
    // The root's federated users: an hour at most, and whatever the session policy allows.
    const root = await h.call(GetFederationToken, {
      Name: 'ops',
      DurationSeconds: 7200,
      Policy: doc(allowStmt('iam:*')),
    });
    assert.deepEqual(root.Credentials.Expiration, new Date(h.clock.now().getTime() + 3_600_000));
    await h.call(iam.CreateUser, { UserName: 'y' }, await callerOfCredentials(h, root.Credentials));
  }));

test('what temporary credentials may not call at all (B.4)', () =>
  withHarness(async (h) => {
    await h.call(iam.CreateUser, { UserName: 'alice' });
    const alice = await h.userCaller('alice');
    const token = await callerOfCredentials(h, (await h.call(GetSessionToken, {}, alice)).Credentials);
    const fed = await callerOfCredentials(h, (await h.call(GetFederationToken, { Name: 'bob' })).Credentials);
    const invalid = wardenError(
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    );
    assert.throws(() => checkSessionRestrictions(token, 'iam', 'ListUsers'), invalid);
    checkSessionRestrictions(token, 'sts', 'AssumeRole');
    checkSessionRestrictions(token, 'sts', 'GetCallerIdentity');
    assert.throws(
      () => checkSessionRestrictions(token, 'sts', 'GetAccessKeyInfo'),
      wardenError('AccessDenied', /sts:GetAccessKeyInfo/),
    );
    assert.throws(
      () => checkSessionRestrictions(fed, 'iam', 'ListUsers'),
      wardenError('AccessDenied', /iam:ListUsers/),
    );
    assert.throws(
      () => checkSessionRestrictions(fed, 'sts', 'AssumeRole'),
      wardenError('AccessDenied', /sts:AssumeRole/),
    );
    checkSessionRestrictions(fed, 'sts', 'GetCallerIdentity');
    checkSessionRestrictions(alice, 'iam', 'ListUsers');
  }));
