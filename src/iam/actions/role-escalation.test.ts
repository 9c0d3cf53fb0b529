import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { Caller } from '../action.ts';
import { harnessWith, tags, wardenError, type Harness } from '../testing/harness.ts';
import {
  AttachRolePolicy,
  CreateRole,
  CreateUser,
  DeleteRolePermissionsBoundary,
  PutRolePermissionsBoundary,
  PutRolePolicy,
  PutUserPolicy,
  UpdateAssumeRolePolicy,
  UpdateRole,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const trust = (principal: unknown) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });
const EC2 = trust({ Service: 'ec2.amazonaws.com' });
const S3 = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}';
const ALL = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}';

/** A user `dev` whose only policy is `statements`, and the roles app/worker (team dev) and admin (team ops). */
async function devWith(h: Harness, statements: unknown[]): Promise<Caller> {
  await h.call(CreateRole, {
    RoleName: 'worker',
    Path: '/app/',
    AssumeRolePolicyDocument: EC2,
    Tags: tags(['team', 'dev']),
  });
  await h.call(CreateRole, { RoleName: 'admin', AssumeRolePolicyDocument: EC2, Tags: tags(['team', 'ops']) });
  await h.call(CreateUser, { UserName: 'dev' });
  await h.call(PutUserPolicy, {
    UserName: 'dev',
    PolicyName: 'p',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  });
  return h.userCaller('dev');
}

const denied = (permission: string, resource: string) =>
  wardenError(
    'AccessDenied',
    new RegExp(`not authorized to perform: ${permission} on resource: ${resource} `),
  );

describe('escalation through roles needs the exact permission on the exact role', () => {
  test('PutRolePolicy on roles under /app/ does not reach another role', () =>
    withHarness(async (h) => {
      const dev = await devWith(h, [
        { Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: `${ACCT}:role/app/*` },
      ]);
      await h.call(PutRolePolicy, { RoleName: 'worker', PolicyName: 'p', PolicyDocument: S3 }, dev);
      await assert.rejects(
        h.call(PutRolePolicy, { RoleName: 'admin', PolicyName: 'p', PolicyDocument: ALL }, dev),
        denied('iam:PutRolePolicy', `${ACCT}:role/admin`),
      );
    }));

  test('AttachRolePolicy limited by iam:PolicyARN cannot attach AdministratorAccess', () =>
    withHarness(async (h) => {
      const dev = await devWith(h, [
        {
          Effect: 'Allow',
          Action: 'iam:AttachRolePolicy',
          Resource: '*',
          Condition: { ArnEquals: { 'iam:PolicyARN': READ } },
        },
      ]);
      await h.call(AttachRolePolicy, { RoleName: 'worker', PolicyArn: READ }, dev);
      await assert.rejects(
        h.call(AttachRolePolicy, { RoleName: 'worker', PolicyArn: ADMIN }, dev),
        denied('iam:AttachRolePolicy', `${ACCT}:role/app/worker`),
      );
    }));

  test('UpdateRole does not grant UpdateAssumeRolePolicy (trusting oneself into a role needs its own permission)', () =>
    withHarness(async (h) => {
      const dev = await devWith(h, [{ Effect: 'Allow', Action: 'iam:UpdateRole', Resource: '*' }]);
      await h.call(UpdateRole, { RoleName: 'admin', Description: 'fine' }, dev);
      await assert.rejects(
        h.call(
          UpdateAssumeRolePolicy,
          { RoleName: 'admin', PolicyDocument: trust({ AWS: `${ACCT}:user/dev` }) },
          dev,
        ),
        denied('iam:UpdateAssumeRolePolicy', `${ACCT}:role/admin`),
      );
    }));

  test("a role's tags gate its policies (aws:ResourceTag and iam:ResourceTag)", () =>
    withHarness(async (h) => {
      const dev = await devWith(h, [
        {
          Effect: 'Allow',
          Action: 'iam:PutRolePolicy',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': 'dev', 'iam:ResourceTag/team': 'dev' } },
        },
      ]);
      await h.call(PutRolePolicy, { RoleName: 'worker', PolicyName: 'p', PolicyDocument: S3 }, dev);
      await assert.rejects(
        h.call(PutRolePolicy, { RoleName: 'admin', PolicyName: 'p', PolicyDocument: ALL }, dev),
        denied('iam:PutRolePolicy', `${ACCT}:role/admin`),
      );
    }));

  test('the delegated-administrator pattern: roles only with a given boundary, which cannot be removed', () =>
    withHarness(async (h) => {
      const dev = await devWith(h, [
        {
          Effect: 'Allow',
          Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
          Resource: '*',
          Condition: { ArnEquals: { 'iam:PermissionsBoundary': READ } },
        },
        { Effect: 'Allow', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'iam:DeleteRolePermissionsBoundary',
          Resource: '*',
          Condition: { ArnEquals: { 'iam:PermissionsBoundary': READ } },
        },
      ]);
      await assert.rejects(
        h.call(CreateRole, { RoleName: 'free', AssumeRolePolicyDocument: EC2 }, dev),
        denied('iam:CreateRole', `${ACCT}:role/free`),
      );
      await h.call(
        CreateRole,
        { RoleName: 'bounded', AssumeRolePolicyDocument: EC2, PermissionsBoundary: READ },
        dev,
      );
      await assert.rejects(
        h.call(PutRolePermissionsBoundary, { RoleName: 'bounded', PermissionsBoundary: ADMIN }, dev),
        denied('iam:PutRolePermissionsBoundary', `${ACCT}:role/bounded`),
      );
      await assert.rejects(
        h.call(DeleteRolePermissionsBoundary, { RoleName: 'bounded' }, dev),
        wardenError('AccessDenied', /with an explicit deny in an identity-based policy$/),
      );
    }));
});
