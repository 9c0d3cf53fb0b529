import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as iam from '../../iam/actions/index.ts';
import { AccessDeniedError, encodeDenial } from '../../iam/authz/index.ts';
import { allowStmt, denyStmt, doc, putUserPolicy } from '../../iam/authz/test-kit.ts';
import { harnessWith, wardenError, type Harness } from '../../iam/testing/harness.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { callerOfCredentials } from '../testing.ts';
import { AssumeRole } from './assume-role.ts';
import { DecodeAuthorizationMessage } from './decode-authorization-message.ts';

const withHarness = harnessWith(openSqliteStore);
const ACCT = '123456789012';

/** A role session denied iam:CreateUser by an explicit deny, and the encoded message it would get. */
async function deniedSession(h: Harness) {
  await h.call(iam.CreateUser, { UserName: 'alice' });
  await h.call(iam.CreateRole, {
    RoleName: 'r',
    AssumeRolePolicyDocument: doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` },
      Action: 'sts:AssumeRole',
    }),
  });
  await h.call(iam.PutRolePolicy, {
    RoleName: 'r',
    PolicyName: 'p',
    PolicyDocument: doc({ ...denyStmt('iam:CreateUser'), Sid: 'NoUsers' }),
  });
  const alice = await h.userCaller('alice');
  const out = await h.call(
    AssumeRole,
    { RoleArn: `arn:aws:iam::${ACCT}:role/r`, RoleSessionName: 'ci' },
    alice,
  );
  const session = await callerOfCredentials(h, out.Credentials);
  const error = await h.call(iam.CreateUser, { UserName: 'x' }, session).then(
    () => assert.fail('should be denied'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AccessDeniedError);
  const facts = await h.store.transaction((tx) => Promise.resolve(h.context(tx).request));
  return { alice, encoded: encodeDenial(h.secrets, error.denial, facts) };
}

test('DecodeAuthorizationMessage: the decision behind a denial, in AWS shape', () =>
  withHarness(async (h) => {
    const { encoded } = await deniedSession(h);
    assert.match(encoded, /^[\w.-]+$/);
    const { DecodedMessage } = await h.call(DecodeAuthorizationMessage, { EncodedMessage: encoded });
    const decoded = JSON.parse(DecodedMessage) as {
      allowed: boolean;
      explicitDeny: boolean;
      matchedStatements: { items: { statementId: string; effect: string }[] };
      context: {
        principal: { id: string; name: string; arn: string };
        action: string;
        resource: string;
        conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
      };
    };
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, true);
    assert.deepEqual(
      decoded.matchedStatements.items.map((s) => [s.statementId, s.effect]),
      [['NoUsers', 'DENY']],
    );
    assert.equal(decoded.context.principal.arn, `arn:aws:sts::${ACCT}:assumed-role/r/ci`);
    assert.match(decoded.context.principal.id, /^AROA[A-Z2-7]{17}:ci$/);
    assert.equal(decoded.context.principal.name, 'ci');
    assert.equal(decoded.context.action, 'iam:CreateUser');
    assert.equal(decoded.context.resource, `arn:aws:iam::${ACCT}:user/x`);
    const conditions = new Map(
      decoded.context.conditions.items.map((c) => [c.key, c.values.items.map((v) => v.value)]),
    );
    assert.deepEqual(conditions.get('aws:PrincipalArn'), [`arn:aws:iam::${ACCT}:role/r`]);
    assert.deepEqual(conditions.get('aws:PrincipalType'), ['AssumedRole']);
    assert.deepEqual(conditions.get('aws:MultiFactorAuthPresent'), ['false']);
  }));

test('DecodeAuthorizationMessage needs its permission and refuses what Warden did not encode', () =>
  withHarness(async (h) => {
    const { alice, encoded } = await deniedSession(h);
    await assert.rejects(
      h.call(DecodeAuthorizationMessage, { EncodedMessage: encoded }, alice),
      wardenError('AccessDenied', /sts:DecodeAuthorizationMessage on resource: \*/),
    );
    await putUserPolicy(h, 'alice', 'p', doc(allowStmt('sts:DecodeAuthorizationMessage')));
    await h.call(DecodeAuthorizationMessage, { EncodedMessage: encoded }, alice);
    const invalid = wardenError('InvalidAuthorizationMessageException', 'The encoded message is not valid.');
    await assert.rejects(h.call(DecodeAuthorizationMessage, { EncodedMessage: 'garbage' }), invalid);
    await assert.rejects(
      h.call(DecodeAuthorizationMessage, { EncodedMessage: `${encoded.slice(0, -2)}AA` }),
      invalid,
    );
    // Another sealed value (an access key's secret) is not a message.
    await h.call(iam.CreateAccessKey, { UserName: 'alice' });
    const key = await h.store.transaction(async (tx) => {
      const user = await tx.users.getByName('alice');
      return (await tx.accessKeys.listByOwner(user?.userId ?? ''))[0];
    });
    await assert.rejects(
      h.call(DecodeAuthorizationMessage, { EncodedMessage: key?.sealedSecret ?? '' }),
      invalid,
    );
  }));
