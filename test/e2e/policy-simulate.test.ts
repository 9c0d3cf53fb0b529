/**
 * The Simulate APIs agree with enforcement (issue 4): for every profile (a user's policies) and
 * every probe (an action on a resource with the context the real request carries), the real call
 * made with the user's own key is refused with AccessDenied exactly when SimulatePrincipalPolicy
 * and SimulateCustomPolicy answer a deny, and the denial's kind (explicit or implicit) matches the
 * EvalDecision. Then MatchedStatements, MissingContextValues and the GetContextKeys APIs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetAccountSummaryCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  type ContextEntry,
  type EvaluationResult,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { iamClient } from './harness.ts';
import { groupArn, startSuite, stopSuite, userArn, type Suite } from './sdk-kit.ts';
import {
  ADMIN,
  allow,
  attachNew,
  createPolicy,
  deny,
  destroyCallers,
  doc,
  expectDenied,
  expectOk,
  newCaller,
  policyArn,
  putInline,
  type Caller,
} from './policy-kit.ts';

let suite: Suite | undefined;
const s = (): Suite => {
  assert.ok(suite !== undefined, 'server started');
  return suite;
};
const root = (): IAMClient => s().iam;

before(async () => {
  suite = await startSuite();
  await root().send(
    new CreateUserCommand({ UserName: 'target-eng', Path: '/eng/', Tags: [{ Key: 'team', Value: 'eng' }] }),
  );
  await root().send(
    new CreateUserCommand({ UserName: 'target-ops', Path: '/ops/', Tags: [{ Key: 'team', Value: 'ops' }] }),
  );
  await root().send(new CreateGroupCommand({ GroupName: 'devs' }));
  await createPolicy(root(), 'Looked-At', doc(allow('iam:GetUser')));
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
});

// ---------------------------------------------------------------------------------------------
// Profiles: the policies of one user, set up as root. `custom` collects the same documents for
// SimulateCustomPolicy.

interface Profile {
  name: string;
  /** Sets up the user's policies; returns the identity documents and the boundary, if any. */
  setUp(c: Caller): Promise<{ identity: string[]; boundary?: string }>;
}

async function awsManagedDocument(arn: string): Promise<string> {
  const policy = await root().send(new GetPolicyCommand({ PolicyArn: arn }));
  const version = await root().send(
    new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy?.DefaultVersionId ?? '' }),
  );
  return decodeURIComponent(version.PolicyVersion?.Document ?? '');
}

const inline = async (c: Caller, name: string, document: string): Promise<string> => {
  await putInline(root(), c.name, name, document);
  return document;
};
const managed = async (c: Caller, name: string, document: string): Promise<string> => {
  await attachNew(root(), c.name, `${c.name}-${name}`, document);
  return document;
};

const PROFILES: Profile[] = [
  { name: 'none', setUp: () => Promise.resolve({ identity: [] }) },
  {
    name: 'list-users',
    setUp: async (c) => ({ identity: [await managed(c, 'p', doc(allow('iam:ListUsers')))] }),
  },
  {
    name: 'get-eng',
    setUp: async (c) => ({ identity: [await inline(c, 'p', doc(allow('iam:Get*', userArn('*', '/eng/'))))] }),
  },
  {
    name: 'all-but-deletes',
    setUp: async (c) => ({
      identity: [
        await managed(c, 'p', doc(allow('iam:*'))),
        await inline(c, 'q', doc(deny('iam:Delete*'), deny('iam:CreateGroup'))),
      ],
    }),
  },
  {
    name: 'not-action',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc({ Effect: 'Allow', NotAction: ['iam:Create*', 'iam:Delete*'], Resource: '*' }),
        ),
      ],
    }),
  },
  {
    name: 'not-resource',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc(
            {
              Effect: 'Allow',
              Action: ['iam:GetUser', 'iam:TagUser', 'iam:UntagUser'],
              NotResource: userArn('*', '/ops/'),
            },
            allow('iam:List*', userArn('')),
          ),
        ),
      ],
    }),
  },
  {
    name: 'source-ip',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc(
            allow('iam:List*', '*', { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }),
            allow('iam:Get*', '*', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
            allow('iam:CreateUser'),
            deny('iam:CreateUser', '*', { NotIpAddress: { 'aws:SourceIp': '127.0.0.1/32' } }),
            deny('iam:CreateGroup', '*', { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }),
          ),
        ),
      ],
    }),
  },
  {
    name: 'current-time',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc(
            allow('iam:List*', '*', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }),
            allow('iam:Get*', '*', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }),
            allow('iam:Create*', '*', { DateLessThan: { 'aws:CurrentTime': '2999-01-01T00:00:00Z' } }),
            deny('iam:CreateGroup', '*', {
              DateGreaterThanEquals: { 'aws:CurrentTime': '2021-06-01T00:00:00Z' },
            }),
          ),
        ),
      ],
    }),
  },
  {
    name: 'username',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc(
            allow(['iam:*AccessKey*', 'iam:GetUser'], 'arn:aws:iam::*:user/${aws:username}'),
            allow('iam:ListUsers', '*', { StringEquals: { 'aws:username': c.name } }),
            allow('iam:ListGroups', '*', { StringEquals: { 'aws:username': 'somebody-else' } }),
          ),
        ),
      ],
    }),
  },
  {
    name: 'resource-tag',
    setUp: async (c) => ({
      identity: [
        await managed(
          c,
          'p',
          doc(
            allow(['iam:GetUser', 'iam:TagUser'], '*', { StringEquals: { 'aws:ResourceTag/team': 'eng' } }),
            allow('iam:UntagUser', '*', { StringEquals: { 'iam:ResourceTag/team': 'ops' } }),
            allow('iam:ListUsers', '*', { StringEqualsIfExists: { 'aws:ResourceTag/team': 'eng' } }),
            deny('iam:DeleteAccessKey', '*', { StringNotEquals: { 'aws:ResourceTag/team': 'eng' } }),
            allow('iam:DeleteAccessKey'),
          ),
        ),
      ],
    }),
  },
  {
    name: 'request-tag',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc(
            allow(['iam:CreateUser', 'iam:TagUser'], '*', {
              StringEquals: { 'aws:RequestTag/team': 'eng' },
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
            }),
            allow('iam:UntagUser', '*', { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'non*' } }),
            allow('iam:CreateGroup', '*', { Null: { 'aws:RequestTag/team': 'true' } }),
          ),
        ),
      ],
    }),
  },
  {
    name: 'bounded-admin',
    setUp: async (c) => {
      const boundary = doc(allow(['iam:Get*', 'iam:List*']), deny('iam:ListGroups'));
      const arn = await createPolicy(root(), `${c.name}-boundary`, boundary);
      await root().send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: ADMIN }));
      await root().send(
        new PutUserPermissionsBoundaryCommand({ UserName: c.name, PermissionsBoundary: arn }),
      );
      return { identity: [await awsManagedDocument(ADMIN)], boundary };
    },
  },
  {
    name: 'group-member',
    setUp: async (c) => {
      const group = `${c.name}-group`;
      const groupDoc = doc(allow(['iam:List*', 'iam:Get*', 'iam:TagUser']));
      await root().send(new CreateGroupCommand({ GroupName: group }));
      await root().send(
        new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'g', PolicyDocument: groupDoc }),
      );
      await root().send(new AddUserToGroupCommand({ GroupName: group, UserName: c.name }));
      const own = await inline(
        c,
        'p',
        doc(deny('iam:ListGroups'), deny('iam:GetUser', userArn('*', '/ops/'))),
      );
      return { identity: [groupDoc, own] };
    },
  },
  {
    name: 'iam-read-only',
    setUp: async (c) => {
      const arn = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
      await root().send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: arn }));
      return { identity: [await awsManagedDocument(arn)] };
    },
  },
  {
    name: 'secure-transport',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc(
            allow('*'),
            deny('iam:Create*', '*', { Bool: { 'aws:SecureTransport': 'false' } }),
            deny('iam:Tag*', '*', { Bool: { 'aws:SecureTransport': 'true' } }),
          ),
        ),
      ],
    }),
  },
  {
    name: 'wildcards',
    setUp: async (c) => ({
      identity: [
        await inline(
          c,
          'p',
          doc(
            allow('iam:?etUser', userArn('target-*', '/e?g/')),
            allow('IAM:list*', [userArn(''), groupArn('')]),
            allow('iam:GetGroup', groupArn('d*')),
            allow('iam:GetPolicy', policyArn('Looked-*')),
          ),
        ),
      ],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// Probes: one real call each, the resource ARN the server authorizes and the context it carries.

interface Probe {
  label: string;
  action: string;
  resource: (c: Caller) => string;
  call: (c: Caller) => Promise<unknown>;
  /** Context entries the real request carries besides the common ones. */
  context?: ContextEntry[];
}

const str = (name: string, value: string): ContextEntry => ({
  ContextKeyName: name,
  ContextKeyValues: [value],
  ContextKeyType: 'string',
});
const strList = (name: string, values: string[]): ContextEntry => ({
  ContextKeyName: name,
  ContextKeyValues: values,
  ContextKeyType: 'stringList',
});
const resourceTeam = (team: string): ContextEntry[] => [
  str('aws:ResourceTag/team', team),
  str('iam:ResourceTag/team', team),
];
const BOGUS_KEY = 'AKIAIOSFODNN7EXAMPLE';

const PROBES: Probe[] = [
  {
    label: 'ListUsers',
    action: 'iam:ListUsers',
    resource: () => userArn(''),
    call: (c) => c.iam.send(new ListUsersCommand({})),
  },
  {
    label: 'ListGroups',
    action: 'iam:ListGroups',
    resource: () => groupArn(''),
    call: (c) => c.iam.send(new ListGroupsCommand({})),
  },
  {
    label: 'ListPolicies',
    action: 'iam:ListPolicies',
    resource: () => '*',
    call: (c) => c.iam.send(new ListPoliciesCommand({ Scope: 'Local' })),
  },
  {
    label: 'GetAccountSummary',
    action: 'iam:GetAccountSummary',
    resource: () => '*',
    call: (c) => c.iam.send(new GetAccountSummaryCommand({})),
  },
  {
    label: 'GetUser target-eng',
    action: 'iam:GetUser',
    resource: () => userArn('target-eng', '/eng/'),
    call: (c) => c.iam.send(new GetUserCommand({ UserName: 'target-eng' })),
    context: resourceTeam('eng'),
  },
  {
    label: 'GetUser target-ops',
    action: 'iam:GetUser',
    resource: () => userArn('target-ops', '/ops/'),
    call: (c) => c.iam.send(new GetUserCommand({ UserName: 'target-ops' })),
    context: resourceTeam('ops'),
  },
  {
    label: 'GetUser self',
    action: 'iam:GetUser',
    resource: (c) => c.arn,
    call: (c) => c.iam.send(new GetUserCommand({})),
  },
  {
    label: 'CreateUser team=eng',
    action: 'iam:CreateUser',
    resource: (c) => userArn(`${c.name}-a`),
    call: (c) =>
      c.iam.send(new CreateUserCommand({ UserName: `${c.name}-a`, Tags: [{ Key: 'team', Value: 'eng' }] })),
    context: [str('aws:RequestTag/team', 'eng'), strList('aws:TagKeys', ['team'])],
  },
  {
    label: 'CreateUser team=eng,cost=1',
    action: 'iam:CreateUser',
    resource: (c) => userArn(`${c.name}-b`, '/made/'),
    call: (c) =>
      c.iam.send(
        new CreateUserCommand({
          UserName: `${c.name}-b`,
          Path: '/made/',
          Tags: [
            { Key: 'team', Value: 'eng' },
            { Key: 'cost', Value: '1' },
          ],
        }),
      ),
    context: [
      str('aws:RequestTag/team', 'eng'),
      str('aws:RequestTag/cost', '1'),
      strList('aws:TagKeys', ['team', 'cost']),
    ],
  },
  {
    label: 'CreateUser untagged',
    action: 'iam:CreateUser',
    resource: (c) => userArn(`${c.name}-c`),
    call: (c) => c.iam.send(new CreateUserCommand({ UserName: `${c.name}-c` })),
  },
  {
    label: 'DeleteUser ghost',
    action: 'iam:DeleteUser',
    resource: () => userArn('ghost'),
    call: (c) => c.iam.send(new DeleteUserCommand({ UserName: 'ghost' })),
  },
  {
    label: 'TagUser target-eng team=eng',
    action: 'iam:TagUser',
    resource: () => userArn('target-eng', '/eng/'),
    call: (c) =>
      c.iam.send(new TagUserCommand({ UserName: 'target-eng', Tags: [{ Key: 'team', Value: 'eng' }] })),
    context: [...resourceTeam('eng'), str('aws:RequestTag/team', 'eng'), strList('aws:TagKeys', ['team'])],
  },
  {
    label: 'TagUser target-ops env=x',
    action: 'iam:TagUser',
    resource: () => userArn('target-ops', '/ops/'),
    call: (c) =>
      c.iam.send(new TagUserCommand({ UserName: 'target-ops', Tags: [{ Key: 'env', Value: 'x' }] })),
    context: [...resourceTeam('ops'), str('aws:RequestTag/env', 'x'), strList('aws:TagKeys', ['env'])],
  },
  {
    label: 'UntagUser target-ops nonexistent',
    action: 'iam:UntagUser',
    resource: () => userArn('target-ops', '/ops/'),
    call: (c) => c.iam.send(new UntagUserCommand({ UserName: 'target-ops', TagKeys: ['nonexistent'] })),
    context: [...resourceTeam('ops'), strList('aws:TagKeys', ['nonexistent'])],
  },
  {
    label: 'ListAccessKeys self',
    action: 'iam:ListAccessKeys',
    resource: (c) => c.arn,
    call: (c) => c.iam.send(new ListAccessKeysCommand({})),
  },
  {
    label: 'DeleteAccessKey self (unknown key)',
    action: 'iam:DeleteAccessKey',
    resource: (c) => c.arn,
    call: (c) => c.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: BOGUS_KEY })),
  },
  {
    label: 'DeleteAccessKey target-eng (unknown key)',
    action: 'iam:DeleteAccessKey',
    resource: () => userArn('target-eng', '/eng/'),
    call: (c) => c.iam.send(new DeleteAccessKeyCommand({ UserName: 'target-eng', AccessKeyId: BOGUS_KEY })),
    context: resourceTeam('eng'),
  },
  {
    label: 'CreateGroup',
    action: 'iam:CreateGroup',
    resource: (c) => groupArn(`${c.name}-made`),
    call: (c) => c.iam.send(new CreateGroupCommand({ GroupName: `${c.name}-made` })),
  },
  {
    label: 'GetGroup devs',
    action: 'iam:GetGroup',
    resource: () => groupArn('devs'),
    call: (c) => c.iam.send(new GetGroupCommand({ GroupName: 'devs' })),
  },
  {
    label: 'GetPolicy Looked-At',
    action: 'iam:GetPolicy',
    resource: () => policyArn('Looked-At'),
    call: (c) => c.iam.send(new GetPolicyCommand({ PolicyArn: policyArn('Looked-At') })),
  },
];

/** The keys every real request carries, as the simulator is told them. */
const commonContext = (c: Caller, now: Date): ContextEntry[] => [
  { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['127.0.0.1'], ContextKeyType: 'ip' },
  { ContextKeyName: 'aws:CurrentTime', ContextKeyValues: [now.toISOString()], ContextKeyType: 'date' },
  { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['false'], ContextKeyType: 'boolean' },
  str('aws:username', c.name),
  str('aws:userid', c.userId),
  str('aws:PrincipalArn', c.arn),
];

type Enforced = 'allowed' | 'explicitDeny' | 'implicitDeny';

async function enforce(call: Promise<unknown>): Promise<Enforced> {
  try {
    await call;
    return 'allowed';
  } catch (error) {
    const e = error as Error;
    // A request that never got to authorization says nothing about the policies.
    assert.ok(!['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken'].includes(e.name), e.message);
    if (e.name !== 'AccessDenied') return 'allowed'; // let through, then failed on its own terms
    return / with an explicit deny in /.test(e.message) ? 'explicitDeny' : 'implicitDeny';
  }
}

const only = (results: EvaluationResult[] | undefined): EvaluationResult => {
  assert.equal(results?.length, 1);
  const [result] = results ?? [];
  assert.ok(result !== undefined);
  return result;
};

/**
 * One case: the real call with the caller's credentials, then SimulatePrincipalPolicy on
 * `sourceArn` and SimulateCustomPolicy on the same documents, each with the request's context.
 */
async function compareCase(
  c: Caller,
  sourceArn: string,
  policies: { identity: string[]; boundary?: string },
  probe: Probe,
  common: ContextEntry[],
): Promise<Enforced> {
  const resource = probe.resource(c);
  const real = await enforce(probe.call(c));
  const context = [...common, ...(probe.context ?? [])];
  const principal = only(
    (
      await root().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: sourceArn,
          ActionNames: [probe.action],
          ResourceArns: [resource],
          ContextEntries: context,
        }),
      )
    ).EvaluationResults,
  );
  assert.equal(principal.EvalActionName, probe.action);
  assert.equal(principal.EvalResourceName, resource);
  assert.equal(principal.EvalDecision, real, `SimulatePrincipalPolicy vs the real call on ${resource}`);
  const custom = only(
    (
      await root().send(
        new SimulateCustomPolicyCommand({
          PolicyInputList:
            policies.identity.length === 0 ? [doc(allow('sts:GetSessionToken'))] : policies.identity,
          ...(policies.boundary !== undefined && { PermissionsBoundaryPolicyInputList: [policies.boundary] }),
          ActionNames: [probe.action],
          ResourceArns: [resource],
          ContextEntries: context,
        }),
      )
    ).EvaluationResults,
  );
  assert.equal(custom.EvalDecision, real, `SimulateCustomPolicy vs the real call on ${resource}`);
  return real;
}

const tally: Record<Enforced, number> = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
let cases = 0;
let roleCases = 0;
const sessionClients: IAMClient[] = [];
after(() => {
  for (const client of sessionClients.splice(0)) client.destroy();
});

describe('Simulate APIs agree with enforcement', () => {
  for (const profile of PROFILES) {
    describe(`profile ${profile.name}`, () => {
      let c: Caller;
      let policies: { identity: string[]; boundary?: string };
      before(async () => {
        c = await newCaller(s(), `sim-${profile.name}`);
        policies = await profile.setUp(c);
      });

      for (const probe of PROBES) {
        it(probe.label, async () => {
          tally[await compareCase(c, c.arn, policies, probe, commonContext(c, new Date()))]++;
          cases++;
        });
      }
    });
  }

  // The same agreement for role sessions: SimulatePrincipalPolicy on the role ARN against calls
  // made with credentials from AssumeRole (probes about the caller itself need a user: left out).
  const ROLE_PROFILES: Profile[] = [
    {
      name: 'role-list',
      setUp: async (c) => {
        const listing = doc(allow('iam:List*'));
        const arn = await createPolicy(root(), `${c.name}-p`, listing);
        await root().send(new AttachRolePolicyCommand({ RoleName: c.name, PolicyArn: arn }));
        const own = doc(deny('iam:ListGroups'), allow('iam:GetGroup', groupArn('d*')));
        await root().send(
          new PutRolePolicyCommand({ RoleName: c.name, PolicyName: 'q', PolicyDocument: own }),
        );
        return { identity: [listing, own] };
      },
    },
    {
      name: 'role-bounded',
      setUp: async (c) => {
        const boundary = doc(allow(['iam:Get*', 'iam:List*', 'iam:CreateGroup']), deny('iam:ListPolicies'));
        const arn = await createPolicy(root(), `${c.name}-boundary`, boundary);
        await root().send(new AttachRolePolicyCommand({ RoleName: c.name, PolicyArn: ADMIN }));
        await root().send(
          new PutRolePermissionsBoundaryCommand({ RoleName: c.name, PermissionsBoundary: arn }),
        );
        return { identity: [await awsManagedDocument(ADMIN)], boundary };
      },
    },
    {
      name: 'role-conditions',
      setUp: async (c) => {
        const conditional = doc(
          allow(['iam:GetUser', 'iam:TagUser'], '*', { StringEquals: { 'aws:ResourceTag/team': 'eng' } }),
          allow('iam:CreateUser', '*', { StringEquals: { 'aws:RequestTag/team': 'eng' } }),
          allow('iam:List*', '*', { IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } }),
          allow('iam:CreateGroup', '*', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }),
          deny('iam:ListGroups', '*', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${c.name}` } }),
          allow('iam:GetPolicy', '*', { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }),
        );
        await root().send(
          new PutRolePolicyCommand({ RoleName: c.name, PolicyName: 'p', PolicyDocument: conditional }),
        );
        return { identity: [conditional] };
      },
    },
  ];
  const ROLE_PROBES = PROBES.filter((p) => !p.label.includes('self'));

  for (const profile of ROLE_PROFILES) {
    describe(`role profile ${profile.name}`, () => {
      let c: Caller;
      let policies: { identity: string[]; boundary?: string };
      let role: string;
      before(async () => {
        const assumer = await newCaller(s(), `${profile.name}-assumer`);
        const trust = JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: assumer.arn }, Action: 'sts:AssumeRole' }],
        });
        const created = await root().send(
          new CreateRoleCommand({ RoleName: profile.name, AssumeRolePolicyDocument: trust }),
        );
        role = created.Role?.Arn ?? '';
        const out = await assumer.sts.send(
          new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'probe' }),
        );
        const credentials = {
          accessKeyId: out.Credentials?.AccessKeyId ?? '',
          secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
          sessionToken: out.Credentials?.SessionToken ?? '',
        };
        c = {
          ...assumer,
          name: profile.name,
          arn: out.AssumedRoleUser?.Arn ?? '',
          credentials,
          iam: iamClient(s().warden.endpoint, credentials),
        };
        sessionClients.push(c.iam);
        policies = await profile.setUp(c);
      });

      for (const probe of ROLE_PROBES) {
        it(probe.label, async () => {
          const now = new Date();
          const common: ContextEntry[] = [
            { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['127.0.0.1'], ContextKeyType: 'ip' },
            {
              ContextKeyName: 'aws:CurrentTime',
              ContextKeyValues: [now.toISOString()],
              ContextKeyType: 'date',
            },
            { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['false'], ContextKeyType: 'boolean' },
            str('aws:PrincipalArn', role),
            str('aws:PrincipalType', 'AssumedRole'),
          ];
          tally[await compareCase(c, role, policies, probe, common)]++;
          cases++;
          roleCases++;
        });
      }
    });
  }

  it('covered at least 100 cases, with every decision well represented', () => {
    assert.ok(cases >= 100, `${cases} cases`);
    assert.ok(roleCases >= 40, `${roleCases} role cases`);
    assert.ok(tally.allowed >= 30, `allowed: ${tally.allowed}`);
    assert.ok(tally.implicitDeny >= 30, `implicitDeny: ${tally.implicitDeny}`);
    assert.ok(tally.explicitDeny >= 10, `explicitDeny: ${tally.explicitDeny}`);
  });
});

// ---------------------------------------------------------------------------------------------

/** A policy laid out one element per line, so statement positions are easy to state. */
const pretty = (...statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

describe('what the simulator explains', () => {
  let explained: Caller;
  const ownDoc = pretty(
    { Sid: 'ListThem', Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' },
    { Sid: 'GetThem', Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' },
    { Sid: 'NoDeletes', Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
  );
  before(async () => {
    explained = await newCaller(s(), 'explained');
    await putInline(root(), 'explained', 'Own', ownDoc);
    await attachNew(
      root(),
      'explained',
      'ExplainedManaged',
      pretty({ Effect: 'Allow', Action: ['iam:DeleteUser', 'iam:ListGroups'], Resource: '*' }),
    );
    await root().send(
      new AttachUserPolicyCommand({
        UserName: 'explained',
        PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      }),
    );
    await root().send(new CreateGroupCommand({ GroupName: 'explainers' }));
    await root().send(
      new PutGroupPolicyCommand({
        GroupName: 'explainers',
        PolicyName: 'GroupOwn',
        PolicyDocument: doc(
          allow('iam:CreateGroup', '*', { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }),
          allow('iam:TagUser', '*', {
            StringEquals: { 'aws:RequestTag/team': 'eng', 'aws:ResourceTag/team': 'eng' },
          }),
        ),
      }),
    );
    await root().send(new AddUserToGroupCommand({ GroupName: 'explainers', UserName: 'explained' }));
  });

  const simulate = async (actions: string[], context?: ContextEntry[]): Promise<EvaluationResult[]> =>
    (
      await root().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: explained.arn,
          ActionNames: actions,
          ...(context !== undefined && { ContextEntries: context }),
        }),
      )
    ).EvaluationResults ?? [];

  const lineOf = (text: string, needle: string): number =>
    text.slice(0, text.indexOf(needle)).split('\n').length;

  it('names the inline statement that allowed, with its position', async () => {
    const [result] = await simulate(['iam:ListUsers']);
    assert.equal(result?.EvalDecision, 'allowed');
    const own = result?.MatchedStatements?.find((m) => m.SourcePolicyId === 'Own');
    assert.ok(own !== undefined, JSON.stringify(result?.MatchedStatements));
    // AWS answers 'IAM Policy' for identity policies of every origin, whatever the model's enum lists.
    assert.equal(own.SourcePolicyType, 'IAM Policy');
    // The statement `{ "Sid": "ListThem", ... }` opens on the line above its Sid and closes below its Resource.
    assert.equal(own.StartPosition?.Line, lineOf(ownDoc, '"ListThem"') - 1);
    assert.equal(own.EndPosition?.Line, lineOf(ownDoc, '"ListThem"') + 4);
    // IAMReadOnlyAccess (iam:List*) allows it too.
    assert.ok(
      result?.MatchedStatements?.some((m) => m.SourcePolicyId === 'IAMReadOnlyAccess'),
      JSON.stringify(result?.MatchedStatements),
    );
  });

  it('an explicit deny is the only matched statement, even where a managed policy allows', async () => {
    const [result] = await simulate(['iam:DeleteUser']);
    assert.equal(result?.EvalDecision, 'explicitDeny');
    assert.equal(result?.MatchedStatements?.length, 1);
    const [m] = result?.MatchedStatements ?? [];
    assert.equal(m?.SourcePolicyId, 'Own');
    assert.equal(m?.StartPosition?.Line, lineOf(ownDoc, '"NoDeletes"') - 1);
  });

  it('a customer managed policy is named by its name; an implicit deny matches nothing', async () => {
    const results = await simulate(['iam:ListGroups', 'iam:CreateUser']);
    const [groups, create] = results;
    assert.equal(groups?.EvalDecision, 'allowed');
    assert.ok(
      groups?.MatchedStatements?.some(
        (m) => m.SourcePolicyId === 'ExplainedManaged' && (m.SourcePolicyType as string) === 'IAM Policy',
      ),
      JSON.stringify(groups?.MatchedStatements),
    );
    assert.equal(create?.EvalDecision, 'implicitDeny');
    assert.deepEqual(create?.MatchedStatements, []);
  });

  it('MissingContextValues lists the keys a condition needed and the context lacked', async () => {
    const [without] = await simulate(['iam:CreateGroup']);
    assert.equal(without?.EvalDecision, 'implicitDeny');
    assert.deepEqual(without?.MissingContextValues, ['aws:SourceIp']);
    const [withIp] = await simulate(
      ['iam:CreateGroup'],
      [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['127.0.0.1'], ContextKeyType: 'ip' }],
    );
    assert.equal(withIp?.EvalDecision, 'allowed');
    assert.deepEqual(withIp?.MissingContextValues, []);
    const group = withIp?.MatchedStatements?.find((m) => m.SourcePolicyId === 'GroupOwn');
    assert.equal(group?.SourcePolicyType, 'IAM Policy');

    const [tag] = await simulate(['iam:TagUser'], [str('aws:RequestTag/team', 'eng')]);
    assert.equal(tag?.EvalDecision, 'implicitDeny');
    assert.deepEqual(tag?.MissingContextValues, ['aws:ResourceTag/team']);
    const [tagged] = await simulate(
      ['iam:TagUser'],
      [str('aws:RequestTag/team', 'eng'), str('aws:ResourceTag/team', 'eng')],
    );
    assert.equal(tagged?.EvalDecision, 'allowed');
  });

  it('GetContextKeysForPrincipalPolicy: the keys of the user and its groups', async () => {
    const out = await root().send(
      new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: explained.arn }),
    );
    assert.deepEqual([...(out.ContextKeyNames ?? [])].map((k) => k.toLowerCase()).sort(), [
      'aws:requesttag/team',
      'aws:resourcetag/team',
      'aws:sourceip',
    ]);
    const extra = await root().send(
      new GetContextKeysForPrincipalPolicyCommand({
        PolicySourceArn: explained.arn,
        PolicyInputList: [
          doc(allow('iam:*', '*', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } })),
        ],
      }),
    );
    assert.ok(extra.ContextKeyNames?.some((k) => k.toLowerCase() === 'aws:currenttime'));
    assert.equal(extra.ContextKeyNames?.length, 4);
  });

  it('GetContextKeysForCustomPolicy: the keys of the given documents, variables included', async () => {
    const out = await root().send(
      new GetContextKeysForCustomPolicyCommand({
        PolicyInputList: [
          doc(
            allow('iam:*', 'arn:aws:iam::*:user/${aws:username}', {
              Bool: { 'aws:SecureTransport': 'true' },
            }),
          ),
          doc(deny('iam:*', '*', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['x'] } })),
        ],
      }),
    );
    assert.deepEqual([...(out.ContextKeyNames ?? [])].map((k) => k.toLowerCase()).sort(), [
      'aws:securetransport',
      'aws:tagkeys',
      'aws:username',
    ]);
  });

  it("a group as PolicySourceArn brings its own policies only, not its members'", async () => {
    const results = (
      await root().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: groupArn('explainers'),
          ActionNames: ['iam:CreateGroup', 'iam:ListUsers'],
          ContextEntries: [
            { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['127.0.0.1'], ContextKeyType: 'ip' },
          ],
        }),
      )
    ).EvaluationResults;
    assert.deepEqual(
      results?.map((r) => r.EvalDecision),
      ['allowed', 'implicitDeny'],
    );
    const keys = await root().send(
      new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: groupArn('explainers') }),
    );
    assert.deepEqual([...(keys.ContextKeyNames ?? [])].map((k) => k.toLowerCase()).sort(), [
      'aws:requesttag/team',
      'aws:resourcetag/team',
      'aws:sourceip',
    ]);
  });

  it('the simulator sees a policy change as soon as enforcement does', async () => {
    const c = await newCaller(s(), 'sim-fresh');
    const ask = async () =>
      only(
        (
          await root().send(
            new SimulatePrincipalPolicyCommand({ PolicySourceArn: c.arn, ActionNames: ['iam:ListUsers'] }),
          )
        ).EvaluationResults,
      ).EvalDecision;
    assert.equal(await ask(), 'implicitDeny');
    assert.equal(await enforce(c.iam.send(new ListUsersCommand({}))), 'implicitDeny');
    await putInline(root(), c.name, 'p', doc(allow('iam:ListUsers')));
    assert.equal(await ask(), 'allowed');
    assert.equal(await enforce(c.iam.send(new ListUsersCommand({}))), 'allowed');
    await putInline(root(), c.name, 'p', doc(allow('iam:ListUsers'), deny('iam:List*')));
    assert.equal(await ask(), 'explicitDeny');
    assert.equal(await enforce(c.iam.send(new ListUsersCommand({}))), 'explicitDeny');
  });
});

describe('the Simulate API surface', () => {
  const custom = async (
    input: Omit<ConstructorParameters<typeof SimulateCustomPolicyCommand>[0], 'ActionNames'> & {
      ActionNames?: string[];
    },
  ): Promise<EvaluationResult[]> =>
    (await root().send(new SimulateCustomPolicyCommand({ ActionNames: ['iam:ListUsers'], ...input })))
      .EvaluationResults ?? [];

  it('is itself authorized: iam:SimulatePrincipalPolicy on the source ARN, iam:SimulateCustomPolicy on *', async () => {
    const c = await newCaller(s(), 'simulator');
    const simulatePrincipal = (arn: string) =>
      c.iam.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['iam:ListUsers'] }),
      );
    const simulateCustom = () =>
      c.iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [doc(allow('*'))],
          ActionNames: ['iam:ListUsers'],
        }),
      );
    await expectDenied(simulatePrincipal(c.arn), c, 'iam:SimulatePrincipalPolicy', c.arn);
    await expectDenied(simulateCustom(), c, 'iam:SimulateCustomPolicy', '*');
    await putInline(
      root(),
      c.name,
      'p',
      doc(
        allow(['iam:SimulatePrincipalPolicy', 'iam:GetContextKeysForPrincipalPolicy'], userArn('sim*')),
        allow('iam:SimulateCustomPolicy'),
      ),
    );
    const mine = await expectOk(simulatePrincipal(c.arn));
    assert.equal(mine.EvaluationResults?.[0]?.EvalDecision, 'implicitDeny');
    await expectDenied(
      simulatePrincipal(userArn('target-eng', '/eng/')),
      c,
      'iam:SimulatePrincipalPolicy',
      userArn('target-eng', '/eng/'),
    );
    const anything = await expectOk(simulateCustom());
    assert.equal(anything.EvaluationResults?.[0]?.EvalDecision, 'allowed');
    await expectDenied(
      c.iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: userArn('explained') })),
      c,
      'iam:GetContextKeysForPrincipalPolicy',
      userArn('explained'),
    );
  });

  it('a policy that does not parse is InvalidInput, not MalformedPolicyDocument', async () => {
    await assert.rejects(custom({ PolicyInputList: ['{"Version":"2012-10-17","Statement":['] }), {
      name: 'InvalidInputException',
    });
    await assert.rejects(
      root().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: userArn('explained'),
          ActionNames: ['iam:ListUsers'],
          PolicyInputList: ['not json'],
        }),
      ),
      { name: 'InvalidInputException' },
    );
  });

  it('typed context entries: numeric, boolean, ip list, string list, date', async () => {
    const policy = doc(
      allow('iam:ListUsers', '*', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
      allow('iam:ListGroups', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
      allow('iam:ListPolicies', '*', { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } }),
      allow('iam:ListRoles', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }),
      allow('iam:GetUser', '*', { DateLessThan: { 'aws:TokenIssueTime': '2030-01-01T00:00:00Z' } }),
    );
    const decisions = async (context: ContextEntry[]) =>
      (
        await custom({
          PolicyInputList: [policy],
          ActionNames: [
            'iam:ListUsers',
            'iam:ListGroups',
            'iam:ListPolicies',
            'iam:ListRoles',
            'iam:GetUser',
          ],
          ContextEntries: context,
        })
      ).map((r) => r.EvalDecision);
    assert.deepEqual(
      await decisions([
        { ContextKeyName: 'aws:MultiFactorAuthAge', ContextKeyValues: ['60'], ContextKeyType: 'numeric' },
        {
          ContextKeyName: 'aws:MultiFactorAuthPresent',
          ContextKeyValues: ['true'],
          ContextKeyType: 'boolean',
        },
        { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.1.2.3'], ContextKeyType: 'ip' },
        strList('aws:TagKeys', ['a', 'b']),
        {
          ContextKeyName: 'aws:TokenIssueTime',
          ContextKeyValues: ['2026-01-01T00:00:00Z'],
          ContextKeyType: 'date',
        },
      ]),
      ['allowed', 'allowed', 'allowed', 'allowed', 'allowed'],
    );
    assert.deepEqual(
      await decisions([
        { ContextKeyName: 'aws:MultiFactorAuthAge', ContextKeyValues: ['7200'], ContextKeyType: 'numeric' },
        {
          ContextKeyName: 'aws:MultiFactorAuthPresent',
          ContextKeyValues: ['false'],
          ContextKeyType: 'boolean',
        },
        { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.2.0.1'], ContextKeyType: 'ip' },
        strList('aws:TagKeys', ['a', 'c']),
        {
          ContextKeyName: 'aws:TokenIssueTime',
          ContextKeyValues: ['2031-01-01T00:00:00Z'],
          ContextKeyType: 'date',
        },
      ]),
      ['implicitDeny', 'implicitDeny', 'implicitDeny', 'implicitDeny', 'implicitDeny'],
    );
  });

  it('one result per action and resource, in order, paginated with MaxItems and Marker', async () => {
    const policy = doc(allow('iam:GetUser', userArn('a*')), deny('iam:DeleteUser', userArn('b*')));
    const actions = ['iam:GetUser', 'iam:DeleteUser'];
    const resources = [userArn('alpha'), userArn('beta'), userArn('gamma')];
    const all = await custom({ PolicyInputList: [policy], ActionNames: actions, ResourceArns: resources });
    assert.deepEqual(
      all.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]),
      [
        ['iam:GetUser', userArn('alpha'), 'allowed'],
        ['iam:GetUser', userArn('beta'), 'implicitDeny'],
        ['iam:GetUser', userArn('gamma'), 'implicitDeny'],
        ['iam:DeleteUser', userArn('alpha'), 'implicitDeny'],
        ['iam:DeleteUser', userArn('beta'), 'explicitDeny'],
        ['iam:DeleteUser', userArn('gamma'), 'implicitDeny'],
      ],
    );
    const paged: EvaluationResult[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await root().send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [policy],
          ActionNames: actions,
          ResourceArns: resources,
          MaxItems: 4,
          ...(marker !== undefined && { Marker: marker }),
        }),
      );
      paged.push(...(page.EvaluationResults ?? []));
      assert.equal(page.IsTruncated, page.Marker !== undefined);
      marker = page.Marker;
      pages++;
    } while (marker !== undefined && pages < 5);
    assert.equal(pages, 2);
    assert.deepEqual(paged, all);
  });

  it('PermissionsBoundaryDecisionDetail says whether the boundary allowed', async () => {
    const results = (
      await root().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: userArn('sim-bounded-admin'),
          ActionNames: ['iam:ListUsers', 'iam:CreateUser'],
        }),
      )
    ).EvaluationResults;
    assert.deepEqual(
      results?.map((r) => [
        r.EvalDecision,
        r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
      ]),
      [
        ['allowed', true],
        ['implicitDeny', false],
      ],
    );
    // A boundary given in the request replaces the user's own.
    const replaced = (
      await root().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: userArn('sim-bounded-admin'),
          ActionNames: ['iam:ListUsers', 'iam:CreateUser'],
          PermissionsBoundaryPolicyInputList: [doc(allow('iam:CreateUser'))],
        }),
      )
    ).EvaluationResults;
    assert.deepEqual(
      replaced?.map((r) => r.EvalDecision),
      ['implicitDeny', 'allowed'],
    );
  });

  it('a resource policy naming the caller grants on its own in the same account; one naming the account does not', async () => {
    const bucketObject = 'arn:aws:s3:::reports/q1.csv';
    const resourcePolicy = (principal: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:GetObject', Resource: bucketObject },
        ],
      });
    const decide = async (principal: string, identity: string) =>
      (
        await custom({
          PolicyInputList: [identity],
          ActionNames: ['s3:GetObject'],
          ResourceArns: [bucketObject],
          ResourcePolicy: resourcePolicy(principal),
          ResourceOwner: 'arn:aws:iam::123456789012:root',
          CallerArn: userArn('reader'),
        })
      )[0]?.EvalDecision;
    const nothing = doc(allow('sts:GetCallerIdentity'));
    assert.equal(await decide(userArn('reader'), nothing), 'allowed');
    assert.equal(await decide('arn:aws:iam::123456789012:root', nothing), 'implicitDeny');
    assert.equal(await decide('arn:aws:iam::123456789012:root', doc(allow('s3:GetObject'))), 'allowed');
    assert.equal(await decide(userArn('reader'), doc(deny('s3:*'))), 'explicitDeny');
  });
});
