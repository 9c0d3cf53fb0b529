/**
 * Escalation through roles (issue 5, "Tests"): a caller who can assume one role must not reach
 * more by rewriting a trust policy or a role's permissions, unless granted that exact permission.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as iam from '../../iam/actions/index.ts';
import { allowStmt, doc, putUserPolicy } from '../../iam/authz/test-kit.ts';
import { harnessWith, wardenError, type Harness } from '../../iam/testing/harness.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { callerOfCredentials } from '../testing.ts';
import { AssumeRole } from './assume-role.ts';

const withHarness = harnessWith(openSqliteStore);
const ACCT = '123456789012';
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const role = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;
const trust = (principal: string) =>
  doc({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' });
const denied = (who: string, action: string, resource: string) =>
  wardenError(
    'AccessDenied',
    `User: ${who} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );

/** alice may assume `weak` (iam:List*); `admin` (AdministratorAccess) trusts only the account. */
async function world(h: Harness) {
  await h.call(iam.CreateUser, { UserName: 'alice' });
  await h.call(iam.CreateRole, { RoleName: 'weak', AssumeRolePolicyDocument: trust(ALICE) });
  await h.call(iam.PutRolePolicy, {
    RoleName: 'weak',
    PolicyName: 'p',
    PolicyDocument: doc(allowStmt('iam:List*')),
  });
  await h.call(iam.CreateRole, { RoleName: 'admin', AssumeRolePolicyDocument: trust(ACCT) });
  await h.call(iam.AttachRolePolicy, {
    RoleName: 'admin',
    PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  });
  const alice = await h.userCaller('alice');
  const out = await h.call(AssumeRole, { RoleArn: role('weak'), RoleSessionName: 's' }, alice);
  return { alice, weak: await callerOfCredentials(h, out.Credentials) };
}

const WEAK_ARN = `arn:aws:sts::${ACCT}:assumed-role/weak/s`;
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

test('the trust policy of a stronger role cannot be rewritten without iam:UpdateAssumeRolePolicy on it', () =>
  withHarness(async (h) => {
    const { alice, weak } = await world(h);
    const rewrite = { RoleName: 'admin', PolicyDocument: trust(ALICE) };
    await assert.rejects(
      h.call(iam.UpdateAssumeRolePolicy, rewrite, alice),
      denied(ALICE, 'iam:UpdateAssumeRolePolicy', role('admin')),
    );
    await assert.rejects(
      h.call(iam.UpdateAssumeRolePolicy, rewrite, weak),
      denied(WEAK_ARN, 'iam:UpdateAssumeRolePolicy', role('admin')),
    );
    // Naming the account is not enough: alice's own policies must allow sts:AssumeRole on it.
    await assert.rejects(
      h.call(AssumeRole, { RoleArn: role('admin'), RoleSessionName: 's' }, alice),
      denied(ALICE, 'sts:AssumeRole', role('admin')),
    );
    // The permission on another role does not reach this one.
    await putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:UpdateAssumeRolePolicy', role('weak'))));
    await assert.rejects(
      h.call(iam.UpdateAssumeRolePolicy, rewrite, alice),
      wardenError('AccessDenied', /admin/),
    );
    // The exact permission does (and then the trust policy names her directly).
    await putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:UpdateAssumeRolePolicy', role('admin'))));
    await h.call(iam.UpdateAssumeRolePolicy, rewrite, alice);
    await h.call(AssumeRole, { RoleArn: role('admin'), RoleSessionName: 's' }, alice);
  }));

test('a role session cannot widen its own role (PutRolePolicy, AttachRolePolicy) without the exact permission', () =>
  withHarness(async (h) => {
    const { alice, weak } = await world(h);
    const widen = { RoleName: 'weak', PolicyName: 'all', PolicyDocument: doc(allowStmt('*')) };
    await assert.rejects(
      h.call(iam.PutRolePolicy, widen, weak),
      denied(WEAK_ARN, 'iam:PutRolePolicy', role('weak')),
    );
    await assert.rejects(
      h.call(iam.PutRolePolicy, widen, alice),
      denied(ALICE, 'iam:PutRolePolicy', role('weak')),
    );
    const attach = { RoleName: 'weak', PolicyArn: ADMIN_POLICY };
    await assert.rejects(
      h.call(iam.AttachRolePolicy, attach, weak),
      denied(WEAK_ARN, 'iam:AttachRolePolicy', role('weak')),
    );
    // iam:PutRolePolicy on itself lets it put a policy on itself, and nothing else.
    await h.call(iam.PutRolePolicy, {
      RoleName: 'weak',
      PolicyName: 'p',
      PolicyDocument: doc(allowStmt('iam:List*'), allowStmt('iam:PutRolePolicy', role('weak'))),
    });
    await h.call(iam.PutRolePolicy, { ...widen, PolicyDocument: doc(allowStmt('iam:GetRole')) }, weak);
    await assert.rejects(
      h.call(iam.AttachRolePolicy, attach, weak),
      wardenError('AccessDenied', /AttachRolePolicy/),
    );
    await assert.rejects(
      h.call(iam.PutRolePolicy, { ...widen, RoleName: 'admin' }, weak),
      denied(WEAK_ARN, 'iam:PutRolePolicy', role('admin')),
    );
    // A session policy keeps even the exact permission out of a narrowed session.
    const narrowed = await callerOfCredentials(
      h,
      (
        await h.call(
          AssumeRole,
          { RoleArn: role('weak'), RoleSessionName: 'n', Policy: doc(allowStmt('iam:List*')) },
          alice,
        )
      ).Credentials,
    );
    await assert.rejects(
      h.call(iam.PutRolePolicy, widen, narrowed),
      wardenError('AccessDenied', /session policy/),
    );
  }));
