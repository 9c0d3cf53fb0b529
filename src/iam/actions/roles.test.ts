import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, tags, wardenError, type Harness } from '../testing/harness.ts';
import {
  AttachRolePolicy,
  CreatePolicy,
  CreateRole,
  CreateUser,
  DeletePolicy,
  DeleteRole,
  DeleteRolePermissionsBoundary,
  DeleteRolePolicy,
  DetachRolePolicy,
  GetAccountAuthorizationDetails,
  GetAccountSummary,
  GetPolicy,
  GetRole,
  GetRolePolicy,
  ListAttachedRolePolicies,
  ListEntitiesForPolicy,
  ListRolePolicies,
  ListRoles,
  ListRoleTags,
  PutRolePermissionsBoundary,
  PutRolePolicy,
  SimulatePrincipalPolicy,
  TagRole,
  UntagRole,
  UpdateAssumeRolePolicy,
  UpdateRole,
  UpdateRoleDescription,
  UpdateUser,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const trust = (principal: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
  });
const EC2 = trust({ Service: 'ec2.amazonaws.com' });
const allow = (action: string, resource = '*'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

async function aRole(h: Harness, name = 'EC2-S3-Access', extra: Record<string, unknown> = {}) {
  return (await h.call(CreateRole, { RoleName: name, AssumeRolePolicyDocument: EC2, ...extra })).Role;
}

describe('CreateRole and the trust policy', () => {
  test('creates a role as AWS shows it: AROA id, ARN with path, trust verbatim, defaults', () =>
    withHarness(async (h) => {
      const role = await aRole(h, 'Deployer', {
        Path: '/ci/',
        Description: 'deploys',
        MaxSessionDuration: 7200,
        PermissionsBoundary: READ,
        Tags: tags(['team', 'a']),
      });
      assert.match(role.RoleId, /^AROA[A-Z2-7]{17}$/);
      assert.deepEqual(
        { ...role, RoleId: 'x' },
        {
          Path: '/ci/',
          RoleName: 'Deployer',
          RoleId: 'x',
          Arn: `${ACCT}:role/ci/Deployer`,
          CreateDate: h.clock.now(),
          AssumeRolePolicyDocument: EC2,
          Description: 'deploys',
          MaxSessionDuration: 7200,
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: READ,
          },
          Tags: [{ Key: 'team', Value: 'a' }],
        },
      );
      const plain = await aRole(h, 'plain');
      assert.equal(plain.MaxSessionDuration, 3600);
      assert.equal(plain.Path, '/');
      assert.equal('Tags' in plain, false);
    }));

  test('the /aws-service-role/ path is reserved for service-linked roles', () =>
    withHarness(async (h) => {
      await assert.rejects(
        aRole(h, 'AWSServiceRoleForECS', { Path: '/aws-service-role/ecs.amazonaws.com/' }),
        wardenError(
          'InvalidInput',
          "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
        ),
      );
    }));

  test('names are unique case-insensitively', () =>
    withHarness(async (h) => {
      await aRole(h, 'Ops');
      await assert.rejects(
        aRole(h, 'OPS'),
        wardenError('EntityAlreadyExists', 'Role with name OPS already exists.'),
      );
    }));

  test('the trust grammar: principal required, no Resource, STS actions only, no bare "*"', () =>
    withHarness(async (h) => {
      const cases: [string, string][] = [
        [
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
          }),
          'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
        ],
        [trust({ Service: 'ec2.amazonaws.com' }, { Resource: '*' }), 'Has prohibited field Resource.'],
        [trust('*'), 'Invalid principal in policy: "*"'],
        [
          trust({ Service: 'ec2.amazonaws.com' }, { Action: 's3:GetObject' }),
          'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
        ],
        ['{"Version":"2012-10-17"', 'Syntax errors in policy.'],
      ];
      for (const [document, message] of cases) {
        await assert.rejects(
          h.call(CreateRole, { RoleName: 'r', AssumeRolePolicyDocument: document }),
          wardenError('MalformedPolicyDocument', message),
          document,
        );
      }
      // {"AWS": "*"}, an account, the root, another account's role and a service are all fine.
      await h.call(CreateRole, {
        RoleName: 'open',
        AssumeRolePolicyDocument: trust({
          AWS: ['*', '123456789012', `${ACCT}:root`, 'arn:aws:iam::999999999999:role/elsewhere'],
          Service: 'lambda.amazonaws.com',
        }),
      });
    }));

  test('a user or role of this account named in the trust policy must exist (with its path)', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice', Path: '/eng/' });
      await aRole(h, 'target', { Path: '/svc/' });
      for (const principal of [
        `${ACCT}:role/missing`,
        `${ACCT}:user/bob`,
        `${ACCT}:user/alice`,
        `${ACCT}:role/target`,
      ]) {
        await assert.rejects(
          h.call(CreateRole, { RoleName: 'r', AssumeRolePolicyDocument: trust({ AWS: principal }) }),
          wardenError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${principal}"`),
        );
      }
      await h.call(CreateRole, {
        RoleName: 'r',
        AssumeRolePolicyDocument: trust({ AWS: [`${ACCT}:user/eng/alice`, `${ACCT}:role/svc/target`] }),
      });
      // A role cannot trust itself at creation: it does not exist yet.
      await assert.rejects(
        h.call(CreateRole, {
          RoleName: 'self',
          AssumeRolePolicyDocument: trust({ AWS: `${ACCT}:role/self` }),
        }),
        wardenError('MalformedPolicyDocument', /Invalid principal/),
      );
    }));

  test('the trust policy may hold 2048 characters, white space aside (ACLSizePerRole)', () =>
    withHarness(async (h) => {
      const padded = (n: number) => trust({ Service: 'ec2.amazonaws.com' }, { Sid: 'S'.repeat(n) });
      const base = padded(0).length;
      await h.call(CreateRole, { RoleName: 'fits', AssumeRolePolicyDocument: padded(2048 - base) });
      await assert.rejects(
        h.call(CreateRole, { RoleName: 'big', AssumeRolePolicyDocument: padded(2049 - base) }),
        wardenError('LimitExceeded', 'Cannot exceed quota for ACLSizePerRole: 2048'),
      );
    }));

  test('a boundary must be a policy that exists', () =>
    withHarness(async (h) => {
      await assert.rejects(
        aRole(h, 'r', { PermissionsBoundary: `${ACCT}:policy/nope` }),
        wardenError('NoSuchEntity', `Scope ARN: ${ACCT}:policy/nope does not exist or is not attachable.`),
      );
    }));
});

describe('reading and changing roles', () => {
  test('GetRole shows RoleLastUsed (empty until a session uses the role), ListRoles leaves out boundary, tags and last use', () =>
    withHarness(async (h) => {
      const created = await aRole(h, 'b', { Tags: tags(['k', 'v']), PermissionsBoundary: READ });
      await aRole(h, 'A', { Path: '/x/' });
      await aRole(h, 'c');
      const got = (await h.call(GetRole, { RoleName: 'B' })).Role;
      assert.deepEqual(got, { ...created, RoleLastUsed: {} });
      const used = new Date('2026-01-03T00:00:00Z');
      await h.store.transaction((tx) =>
        tx.roles.recordUse(created.RoleId, { date: used, region: 'eu-west-1' }),
      );
      assert.deepEqual((await h.call(GetRole, { RoleName: 'b' })).Role.RoleLastUsed, {
        LastUsedDate: used,
        Region: 'eu-west-1',
      });
      const first = await h.call(ListRoles, { MaxItems: 2 });
      assert.deepEqual(
        first.Roles.map((r) => r.RoleName),
        ['A', 'b'],
      );
      assert.equal(first.IsTruncated, true);
      const listedB = first.Roles[1];
      assert.equal(listedB?.AssumeRolePolicyDocument, EC2);
      assert.equal(listedB?.MaxSessionDuration, 3600);
      for (const hidden of ['Tags', 'PermissionsBoundary', 'RoleLastUsed'])
        assert.equal(hidden in (listedB ?? {}), false);
      const rest = await h.call(ListRoles, { MaxItems: 2, Marker: first.Marker ?? '' });
      assert.deepEqual(
        rest.Roles.map((r) => r.RoleName),
        ['c'],
      );
      const underX = await h.call(ListRoles, { PathPrefix: '/x/' });
      assert.deepEqual(
        underX.Roles.map((r) => r.RoleName),
        ['A'],
      );
      await assert.rejects(
        h.call(GetRole, { RoleName: 'nobody' }),
        wardenError('NoSuchEntity', 'The role with name nobody cannot be found.'),
      );
    }));

  test('UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy', () =>
    withHarness(async (h) => {
      await aRole(h, 'r', { Description: 'old' });
      assert.deepEqual(await h.call(UpdateRole, { RoleName: 'r', MaxSessionDuration: 43200 }), {});
      let role = (await h.call(GetRole, { RoleName: 'r' })).Role;
      assert.equal(role.MaxSessionDuration, 43200);
      assert.equal(role.Description, 'old');
      await h.call(UpdateRole, { RoleName: 'r', Description: 'new' });
      assert.equal((await h.call(GetRole, { RoleName: 'r' })).Role.Description, 'new');
      const described = await h.call(UpdateRoleDescription, { RoleName: 'r', Description: 'newer' });
      assert.equal(described.Role.Description, 'newer');
      const lambda = trust({ Service: 'lambda.amazonaws.com' });
      await h.call(UpdateAssumeRolePolicy, { RoleName: 'r', PolicyDocument: lambda });
      role = (await h.call(GetRole, { RoleName: 'r' })).Role;
      assert.equal(role.AssumeRolePolicyDocument, lambda);
      await assert.rejects(
        h.call(UpdateAssumeRolePolicy, {
          RoleName: 'r',
          PolicyDocument: trust({ AWS: `${ACCT}:user/ghost` }),
        }),
        wardenError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${ACCT}:user/ghost"`),
      );
      await assert.rejects(
        h.call(UpdateRole, { RoleName: 'ghost', Description: 'x' }),
        wardenError('NoSuchEntity', 'The role with name ghost cannot be found.'),
      );
    }));

  test('tags: keys compared without case, 50 at most, listed in pages', () =>
    withHarness(async (h) => {
      await aRole(h, 'r', { Tags: tags(['Team', 'a']) });
      await h.call(TagRole, { RoleName: 'r', Tags: tags(['team', 'b'], ['env', 'dev']) });
      assert.deepEqual((await h.call(ListRoleTags, { RoleName: 'r' })).Tags, [
        { Key: 'team', Value: 'b' },
        { Key: 'env', Value: 'dev' },
      ]);
      await h.call(UntagRole, { RoleName: 'r', TagKeys: ['TEAM', 'absent'] });
      const page = await h.call(ListRoleTags, { RoleName: 'r', MaxItems: 1 });
      assert.deepEqual(page, { Tags: [{ Key: 'env', Value: 'dev' }], IsTruncated: false });
      const many = Array.from({ length: 50 }, (_, i): [string, string] => [`k${i}`, 'v']);
      await assert.rejects(
        h.call(TagRole, { RoleName: 'r', Tags: tags(...many) }),
        wardenError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50'),
      );
      await assert.rejects(
        h.call(TagRole, { RoleName: 'r', Tags: tags(['aws:x', 'v']) }),
        wardenError('InvalidInput', /can't start with "aws:"/),
      );
    }));

  test('permissions boundaries are set, replaced and removed; the policy counts its roles', () =>
    withHarness(async (h) => {
      await aRole(h, 'r');
      await h.call(PutRolePermissionsBoundary, { RoleName: 'r', PermissionsBoundary: READ });
      assert.equal((await h.call(GetPolicy, { PolicyArn: READ })).Policy.PermissionsBoundaryUsageCount, 1);
      await h.call(DeleteRolePermissionsBoundary, { RoleName: 'r' });
      assert.equal('PermissionsBoundary' in (await h.call(GetRole, { RoleName: 'r' })).Role, false);
      await assert.rejects(
        h.call(DeleteRolePermissionsBoundary, { RoleName: 'r' }),
        wardenError('NoSuchEntity', 'The role with name r has no permissions boundary.'),
      );
      await assert.rejects(
        h.call(PutRolePermissionsBoundary, { RoleName: 'r', PermissionsBoundary: 'arn:aws:s3:::bucket' }),
        wardenError('InvalidInput', 'ARN arn:aws:s3:::bucket is not valid.'),
      );
    }));
});

describe('role policies', () => {
  test('attach (10 at most), list with a policy path prefix, detach; the policy cannot go while attached', () =>
    withHarness(async (h) => {
      await aRole(h, 'r');
      await h.call(CreatePolicy, { PolicyName: 'Mine', Path: '/team/', PolicyDocument: allow('s3:*') });
      const mine = `${ACCT}:policy/team/Mine`;
      await h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: mine });
      await h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: READ });
      await h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: READ });
      assert.deepEqual(
        (await h.call(ListAttachedRolePolicies, { RoleName: 'r', PathPrefix: '/team/' })).AttachedPolicies,
        [{ PolicyName: 'Mine', PolicyArn: mine }],
      );
      assert.equal((await h.call(GetPolicy, { PolicyArn: mine })).Policy.AttachmentCount, 1);
      await assert.rejects(
        h.call(DeletePolicy, { PolicyArn: mine }),
        wardenError('DeleteConflict', /attached/),
      );
      await assert.rejects(
        h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: `${ACCT}:policy/nope` }),
        wardenError('NoSuchEntity', `Policy ${ACCT}:policy/nope does not exist or is not attachable.`),
      );
      for (const name of [
        'AmazonS3ReadOnlyAccess',
        'AmazonEC2ReadOnlyAccess',
        'IAMReadOnlyAccess',
        'AWSLambda_ReadOnlyAccess',
        'AmazonSQSReadOnlyAccess',
        'AmazonSNSReadOnlyAccess',
        'AmazonDynamoDBReadOnlyAccess',
        'CloudWatchReadOnlyAccess',
      ])
        await h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: `arn:aws:iam::aws:policy/${name}` });
      await assert.rejects(
        h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
        wardenError('LimitExceeded', 'Cannot exceed quota for PoliciesPerRole: 10'),
      );
      await h.call(DetachRolePolicy, { RoleName: 'r', PolicyArn: mine });
      await assert.rejects(
        h.call(DetachRolePolicy, { RoleName: 'r', PolicyArn: mine }),
        wardenError('NoSuchEntity', `Policy ${mine} was not found.`),
      );
    }));

  test('inline policies: put replaces, get, list, delete; 10240 characters per role in all', () =>
    withHarness(async (h) => {
      await aRole(h, 'r');
      await h.call(PutRolePolicy, { RoleName: 'r', PolicyName: 'S3', PolicyDocument: allow('s3:*') });
      await h.call(PutRolePolicy, { RoleName: 'r', PolicyName: 's3', PolicyDocument: allow('s3:Get*') });
      await h.call(PutRolePolicy, { RoleName: 'r', PolicyName: 'Ec2', PolicyDocument: allow('ec2:*') });
      assert.deepEqual(await h.call(GetRolePolicy, { RoleName: 'R', PolicyName: 'S3' }), {
        RoleName: 'r',
        PolicyName: 's3',
        PolicyDocument: allow('s3:Get*'),
      });
      assert.deepEqual((await h.call(ListRolePolicies, { RoleName: 'r' })).PolicyNames, ['Ec2', 's3']);
      const big = allow(
        's3:GetObject',
        `arn:aws:s3:::${'b'.repeat(10240 - allow('s3:GetObject', 'arn:aws:s3:::').length - 100)}`,
      );
      await assert.rejects(
        h.call(PutRolePolicy, { RoleName: 'r', PolicyName: 'big', PolicyDocument: big }),
        wardenError('LimitExceeded', 'Maximum policy size of 10240 bytes exceeded for role r'),
      );
      await h.call(DeleteRolePolicy, { RoleName: 'r', PolicyName: 'EC2' });
      await assert.rejects(
        h.call(DeleteRolePolicy, { RoleName: 'r', PolicyName: 'EC2' }),
        wardenError('NoSuchEntity', 'The role policy with name EC2 cannot be found.'),
      );
      await assert.rejects(
        h.call(PutRolePolicy, {
          RoleName: 'r',
          PolicyName: 'bad',
          PolicyDocument: trust({ Service: 'x.amazonaws.com' }),
        }),
        wardenError('MalformedPolicyDocument', /./),
      );
    }));

  test('DeleteRole refuses while the role has policies, in AWS words; a boundary does not block', () =>
    withHarness(async (h) => {
      await aRole(h, 'r', { PermissionsBoundary: READ });
      await h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: READ });
      await h.call(PutRolePolicy, { RoleName: 'r', PolicyName: 'p', PolicyDocument: allow('s3:*') });
      await assert.rejects(
        h.call(DeleteRole, { RoleName: 'r' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must detach all policies first.'),
      );
      await h.call(DetachRolePolicy, { RoleName: 'r', PolicyArn: READ });
      await assert.rejects(
        h.call(DeleteRole, { RoleName: 'r' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must delete policies first.'),
      );
      await h.call(DeleteRolePolicy, { RoleName: 'r', PolicyName: 'p' });
      await h.call(DeleteRole, { RoleName: 'r' });
      await assert.rejects(
        h.call(GetRole, { RoleName: 'r' }),
        wardenError('NoSuchEntity', /cannot be found/),
      );
      await assert.rejects(
        h.call(DeleteRole, { RoleName: 'r' }),
        wardenError('NoSuchEntity', /cannot be found/),
      );
    }));

  test('roles in ListEntitiesForPolicy, GetAccountAuthorizationDetails and GetAccountSummary', () =>
    withHarness(async (h) => {
      const role = await aRole(h, 'r', { Path: '/svc/', PermissionsBoundary: READ, Tags: tags(['k', 'v']) });
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(AttachRolePolicy, { RoleName: 'r', PolicyArn: READ });
      await h.call(PutRolePolicy, { RoleName: 'r', PolicyName: 'p', PolicyDocument: allow('s3:*') });
      const entities = await h.call(ListEntitiesForPolicy, { PolicyArn: READ });
      assert.deepEqual(entities.PolicyRoles, [{ RoleName: 'r', RoleId: role.RoleId }]);
      assert.deepEqual(
        (await h.call(ListEntitiesForPolicy, { PolicyArn: READ, EntityFilter: 'User' })).PolicyRoles,
        [],
      );
      assert.deepEqual(
        (
          await h.call(ListEntitiesForPolicy, {
            PolicyArn: READ,
            EntityFilter: 'Role',
            PolicyUsageFilter: 'PermissionsBoundary',
          })
        ).PolicyRoles,
        [{ RoleName: 'r', RoleId: role.RoleId }],
      );
      const details = await h.call(GetAccountAuthorizationDetails, { Filter: ['Role', 'AWSManagedPolicy'] });
      assert.deepEqual(details.RoleDetailList, [
        {
          Path: '/svc/',
          RoleName: 'r',
          RoleId: role.RoleId,
          Arn: `${ACCT}:role/svc/r`,
          CreateDate: h.clock.now(),
          AssumeRolePolicyDocument: EC2,
          InstanceProfileList: [],
          RolePolicyList: [{ PolicyName: 'p', PolicyDocument: allow('s3:*') }],
          AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ }],
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: READ,
          },
          Tags: [{ Key: 'k', Value: 'v' }],
          RoleLastUsed: {},
        },
      ]);
      assert.equal(details.UserDetailList.length, 0);
      const read = details.Policies.find((p) => p.Arn === READ);
      assert.equal(read?.AttachmentCount, 1);
      assert.equal(read?.PermissionsBoundaryUsageCount, 1);
      const summary = (await h.call(GetAccountSummary, {})).SummaryMap;
      assert.equal(summary.Roles, 1);
      assert.equal(summary.RolesQuota, 1000);
      assert.equal(summary.PolicyVersionsInUse, 1);
    }));

  test('SimulatePrincipalPolicy evaluates a role: its inline and attached policies within its boundary', () =>
    withHarness(async (h) => {
      await aRole(h, 'r', { PermissionsBoundary: READ });
      await h.call(PutRolePolicy, { RoleName: 'r', PolicyName: 'p', PolicyDocument: allow('s3:*') });
      const result = await h.call(SimulatePrincipalPolicy, {
        PolicySourceArn: `${ACCT}:role/r`,
        ActionNames: ['s3:GetObject', 's3:PutObject'],
      });
      assert.deepEqual(
        result.EvaluationResults.map((r) => [r.EvalActionName, r.EvalDecision]),
        [
          ['s3:GetObject', 'allowed'],
          ['s3:PutObject', 'implicitDeny'],
        ],
      );
      await assert.rejects(
        h.call(SimulatePrincipalPolicy, {
          PolicySourceArn: `${ACCT}:role/ghost`,
          ActionNames: ['s3:GetObject'],
        }),
        wardenError('NoSuchEntity', 'The role with name ghost cannot be found.'),
      );
    }));

  test('a user named in a trust policy may be renamed: the trust follows it (kept by id), shown with its new ARN', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const document = trust({ AWS: `${ACCT}:user/alice` });
      await h.call(CreateRole, { RoleName: 'r', AssumeRolePolicyDocument: document });
      await h.call(UpdateUser, { UserName: 'alice', NewUserName: 'alicia' });
      assert.equal(
        (await h.call(GetRole, { RoleName: 'r' })).Role.AssumeRolePolicyDocument,
        trust({ AWS: `${ACCT}:user/alicia` }),
      );
    }));
});
