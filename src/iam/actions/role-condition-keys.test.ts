import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { ActionDefinition } from '../action.ts';
import { harnessWith, tags } from '../testing/harness.ts';
import {
  AddRoleToInstanceProfile,
  AttachRolePolicy,
  CreateInstanceProfile,
  CreateRole,
  CreateServiceLinkedRole,
  DeleteRole,
  DeleteRolePermissionsBoundary,
  DetachRolePolicy,
  GetInstanceProfile,
  GetRole,
  GetRolePolicy,
  ListInstanceProfileTags,
  ListRoles,
  ListRoleTags,
  PutRolePermissionsBoundary,
  PutRolePolicy,
  TagInstanceProfile,
  TagRole,
  UntagInstanceProfile,
  UntagRole,
  UpdateAssumeRolePolicy,
  UpdateRole,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ACCT = 'arn:aws:iam::123456789012';
const ROLE = `${ACCT}:role/app/r`;
const PROFILE = `${ACCT}:instance-profile/p/web`;
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const EC2 =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

type Row = [
  action: ActionDefinition<never, unknown>,
  input: unknown,
  resource: string,
  keys: Record<string, unknown>,
];

const ROLE_TAGS = { 'aws:ResourceTag/team': 'x', 'iam:ResourceTag/team': 'x' };
const WITH_BOUNDARY = { ...ROLE_TAGS, 'iam:PermissionsBoundary': POWER };

/** What each role action is authorized on, and the keys its request carries (Service Authorization Reference). */
const ROWS: Row[] = [
  [
    CreateRole,
    {
      RoleName: 'n',
      Path: '/a/',
      AssumeRolePolicyDocument: EC2,
      Tags: tags(['k', 'v']),
      PermissionsBoundary: READ,
    },
    `${ACCT}:role/a/n`,
    { 'aws:TagKeys': ['k'], 'aws:RequestTag/k': 'v', 'iam:PermissionsBoundary': READ },
  ],
  [GetRole, { RoleName: 'R' }, ROLE, WITH_BOUNDARY],
  [ListRoles, { PathPrefix: '/app/' }, `${ACCT}:role/app/`, {}],
  [UpdateRole, { RoleName: 'r' }, ROLE, WITH_BOUNDARY],
  [UpdateAssumeRolePolicy, { RoleName: 'r', PolicyDocument: EC2 }, ROLE, WITH_BOUNDARY],
  [DeleteRole, { RoleName: 'r' }, ROLE, WITH_BOUNDARY],
  [
    TagRole,
    { RoleName: 'r', Tags: tags(['b', '2']) },
    ROLE,
    { ...ROLE_TAGS, 'aws:TagKeys': ['b'], 'aws:RequestTag/b': '2' },
  ],
  [UntagRole, { RoleName: 'r', TagKeys: ['team'] }, ROLE, { ...ROLE_TAGS, 'aws:TagKeys': ['team'] }],
  [ListRoleTags, { RoleName: 'r' }, ROLE, ROLE_TAGS],
  [
    PutRolePermissionsBoundary,
    { RoleName: 'r', PermissionsBoundary: READ },
    ROLE,
    { ...ROLE_TAGS, 'iam:PermissionsBoundary': READ },
  ],
  [DeleteRolePermissionsBoundary, { RoleName: 'r' }, ROLE, WITH_BOUNDARY],
  [AttachRolePolicy, { RoleName: 'r', PolicyArn: READ }, ROLE, { ...WITH_BOUNDARY, 'iam:PolicyARN': READ }],
  [DetachRolePolicy, { RoleName: 'r', PolicyArn: READ }, ROLE, { ...WITH_BOUNDARY, 'iam:PolicyARN': READ }],
  [PutRolePolicy, { RoleName: 'r', PolicyName: 'p', PolicyDocument: '{}' }, ROLE, WITH_BOUNDARY],
  [GetRolePolicy, { RoleName: 'r', PolicyName: 'p' }, ROLE, ROLE_TAGS],
  [
    CreateInstanceProfile,
    { InstanceProfileName: 'n', Tags: tags(['k', 'v']) },
    `${ACCT}:instance-profile/n`,
    { 'aws:TagKeys': ['k'], 'aws:RequestTag/k': 'v' },
  ],
  [GetInstanceProfile, { InstanceProfileName: 'WEB' }, PROFILE, { 'aws:ResourceTag/env': 'prod' }],
  [
    AddRoleToInstanceProfile,
    { InstanceProfileName: 'web', RoleName: 'r' },
    PROFILE,
    { 'aws:ResourceTag/env': 'prod' },
  ],
  [
    TagInstanceProfile,
    { InstanceProfileName: 'web', Tags: tags(['c', '3']) },
    PROFILE,
    { 'aws:ResourceTag/env': 'prod', 'aws:TagKeys': ['c'], 'aws:RequestTag/c': '3' },
  ],
  [
    UntagInstanceProfile,
    { InstanceProfileName: 'web', TagKeys: ['env'] },
    PROFILE,
    { 'aws:ResourceTag/env': 'prod', 'aws:TagKeys': ['env'] },
  ],
  [ListInstanceProfileTags, { InstanceProfileName: 'web' }, PROFILE, { 'aws:ResourceTag/env': 'prod' }],
  [
    CreateServiceLinkedRole,
    { AWSServiceName: 'elasticbeanstalk.amazonaws.com' },
    `${ACCT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
    { 'iam:AWSServiceName': 'elasticbeanstalk.amazonaws.com' },
  ],
];

describe('role and instance profile actions: resources and condition keys', () => {
  test('as the Service Authorization Reference lists them', () =>
    withHarness(async (h) => {
      await h.call(CreateRole, {
        RoleName: 'r',
        Path: '/app/',
        AssumeRolePolicyDocument: EC2,
        Tags: tags(['team', 'x']),
        PermissionsBoundary: POWER,
      });
      await h.call(CreateInstanceProfile, {
        InstanceProfileName: 'web',
        Path: '/p/',
        Tags: tags(['env', 'prod']),
      });
      await h.store.transaction(async (tx) => {
        const ctx = h.context(tx);
        for (const [action, input, resource, keys] of ROWS) {
          assert.equal(await action.resource?.(input as never, ctx), resource, action.name);
          assert.deepEqual((await action.conditionKeys?.(input as never, ctx)) ?? {}, keys, action.name);
        }
      });
    }));
});
