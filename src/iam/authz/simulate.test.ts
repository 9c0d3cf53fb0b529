import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import * as iam from '../actions/index.ts';
import type { SimulateCustomPolicyInput } from '../actions/simulate-custom-policy.ts';
import { harnessWith, wardenError, type Harness } from '../testing/harness.ts';
import {
  ACCT,
  addToGroup,
  allowStmt,
  attach,
  createManaged,
  denyStmt,
  doc,
  putGroupPolicy,
  putUserPolicy,
  setBoundary,
} from './test-kit.ts';

const withHarness = harnessWith(openSqliteStore);
const USER = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;

const custom = (h: Harness, input: SimulateCustomPolicyInput) => h.call(iam.SimulateCustomPolicy, input);

describe('SimulateCustomPolicy', () => {
  test('decisions, matched statements with positions, and the policy ids', () =>
    withHarness(async (h) => {
      const policy =
        '{"Version":"2012-10-17","Statement":[\n  {"Effect":"Allow","Action":"iam:List*","Resource":"*"},\n  {"Effect":"Deny","Action":"iam:ListUsers","Resource":"*"}\n]}';
      const out = await custom(h, {
        PolicyInputList: [policy],
        ActionNames: ['iam:ListGroups', 'iam:ListUsers', 'iam:CreateUser'],
      });
      assert.equal(out.IsTruncated, false);
      assert.deepEqual(
        out.EvaluationResults.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]),
        [
          ['iam:ListGroups', '*', 'allowed'],
          ['iam:ListUsers', '*', 'explicitDeny'],
          ['iam:CreateUser', '*', 'implicitDeny'],
        ],
      );
      const [groups, usersResult, create] = out.EvaluationResults;
      assert.deepEqual(groups?.MatchedStatements, [
        {
          SourcePolicyId: 'PolicyInputList.1',
          SourcePolicyType: 'IAM Policy',
          StartPosition: { Line: 2, Column: 3 },
          EndPosition: { Line: 2, Column: 57 },
        },
      ]);
      // An explicit deny is explained by the deny statement(s) that matched.
      assert.deepEqual(
        usersResult?.MatchedStatements.map((s) => s.StartPosition?.Line),
        [3],
      );
      assert.deepEqual(create?.MatchedStatements, []);
      assert.equal(groups?.ResourceSpecificResults, undefined);
      assert.deepEqual(groups?.OrganizationsDecisionDetail, { AllowedByOrganizations: true });
    }));

  test('MissingContextValues name the keys conditions needed and the request lacked', () =>
    withHarness(async (h) => {
      const policy = doc(
        allowStmt('iam:ListUsers', '*', {
          Condition: {
            IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
            StringEquals: { 'aws:PrincipalTag/team': 'a' },
          },
        }),
      );
      const out = await custom(h, { PolicyInputList: [policy], ActionNames: ['iam:ListUsers'] });
      assert.equal(out.EvaluationResults[0]?.EvalDecision, 'implicitDeny');
      assert.deepEqual(
        new Set(out.EvaluationResults[0]?.MissingContextValues),
        new Set(['aws:SourceIp', 'aws:PrincipalTag/team']),
      );
    }));

  const typed: [string, string, string[], object, boolean][] = [
    ['string', 'aws:username', ['alice'], { StringEquals: { 'aws:username': 'alice' } }, true],
    ['string', 'aws:username', ['bob'], { StringEquals: { 'aws:username': 'alice' } }, false],
    [
      'stringList',
      'aws:TagKeys',
      ['a', 'b'],
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b', 'c'] } },
      true,
    ],
    [
      'stringList',
      'aws:TagKeys',
      ['a', 'z'],
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
      false,
    ],
    [
      'numeric',
      'aws:MultiFactorAuthAge',
      ['300'],
      { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      true,
    ],
    [
      'numeric',
      'aws:MultiFactorAuthAge',
      ['7200'],
      { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      false,
    ],
    ['numericList', 's:n', ['1', '50'], { 'ForAnyValue:NumericGreaterThan': { 's:n': '10' } }, true],
    ['boolean', 'aws:SecureTransport', ['true'], { Bool: { 'aws:SecureTransport': 'true' } }, true],
    ['boolean', 'aws:SecureTransport', ['false'], { Bool: { 'aws:SecureTransport': 'true' } }, false],
    ['booleanList', 's:b', ['false', 'true'], { 'ForAnyValue:Bool': { 's:b': 'true' } }, true],
    ['ip', 'aws:SourceIp', ['192.0.2.7'], { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, true],
    ['ip', 'aws:SourceIp', ['198.51.100.1'], { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, false],
    [
      'ipList',
      's:ips',
      ['10.0.0.1', '192.0.2.9'],
      { 'ForAnyValue:IpAddress': { 's:ips': '192.0.2.0/24' } },
      true,
    ],
    [
      'date',
      'aws:CurrentTime',
      ['2026-01-02T00:00:00Z'],
      { DateLessThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } },
      true,
    ],
    [
      'date',
      'aws:CurrentTime',
      ['2027-01-02T00:00:00Z'],
      { DateLessThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } },
      false,
    ],
    [
      'dateList',
      's:d',
      ['2020-01-01T00:00:00Z'],
      { 'ForAllValues:DateLessThan': { 's:d': '2021-01-01T00:00:00Z' } },
      true,
    ],
    ['binary', 's:bin', ['QUJD'], { BinaryEquals: { 's:bin': 'QUJD' } }, true],
    ['binaryList', 's:bins', ['QUJD', 'REVG'], { 'ForAnyValue:BinaryEquals': { 's:bins': 'REVG' } }, true],
  ];
  for (const [type, key, values, condition, expected] of typed) {
    test(`ContextEntries of type ${type}: ${key}=${values.join(',')} -> ${expected ? 'allowed' : 'implicitDeny'}`, () =>
      withHarness(async (h) => {
        const out = await custom(h, {
          PolicyInputList: [doc(allowStmt('iam:ListUsers', '*', { Condition: condition }))],
          ActionNames: ['iam:ListUsers'],
          ContextEntries: [{ ContextKeyName: key, ContextKeyValues: values, ContextKeyType: type }],
        });
        assert.equal(out.EvaluationResults[0]?.EvalDecision, expected ? 'allowed' : 'implicitDeny');
        assert.deepEqual(out.EvaluationResults[0]?.MissingContextValues, []);
      }));
  }

  test('a scalar type with several values is InvalidInput; a bad policy is InvalidInput', () =>
    withHarness(async (h) => {
      await assert.rejects(
        custom(h, {
          PolicyInputList: [doc(allowStmt('*'))],
          ActionNames: ['iam:ListUsers'],
          ContextEntries: [
            { ContextKeyName: 'aws:username', ContextKeyValues: ['a', 'b'], ContextKeyType: 'string' },
          ],
        }),
        wardenError('InvalidInput', /aws:username/),
      );
      await assert.rejects(
        custom(h, { PolicyInputList: ['{"Statement":'], ActionNames: ['iam:ListUsers'] }),
        wardenError('InvalidInput', /^PolicyInputList\.1: /),
      );
    }));

  test('ResourceArns: one result per action and resource, each with its ResourceSpecificResults', () =>
    withHarness(async (h) => {
      const out = await custom(h, {
        PolicyInputList: [doc(allowStmt('iam:GetUser', USER('eng/*')))],
        ActionNames: ['iam:GetUser', 'iam:DeleteUser'],
        ResourceArns: [USER('eng/alice'), USER('bob')],
      });
      assert.deepEqual(
        out.EvaluationResults.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]),
        [
          ['iam:GetUser', USER('eng/alice'), 'allowed'],
          ['iam:GetUser', USER('bob'), 'implicitDeny'],
          ['iam:DeleteUser', USER('eng/alice'), 'implicitDeny'],
          ['iam:DeleteUser', USER('bob'), 'implicitDeny'],
        ],
      );
      const first = out.EvaluationResults[0];
      assert.equal(first?.ResourceSpecificResults?.length, 1);
      assert.equal(first?.ResourceSpecificResults?.[0]?.EvalResourceName, USER('eng/alice'));
      assert.equal(first?.ResourceSpecificResults?.[0]?.EvalResourceDecision, 'allowed');
      assert.equal(first?.ResourceSpecificResults?.[0]?.MatchedStatements.length, 1);
    }));

  test('pagination: MaxItems and Marker walk the results', () =>
    withHarness(async (h) => {
      const input = {
        PolicyInputList: [doc(allowStmt('*'))],
        ActionNames: ['iam:A1', 'iam:A2', 'iam:A3', 'iam:A4', 'iam:A5'],
        MaxItems: 2,
      };
      const seen: string[] = [];
      let marker: string | undefined;
      for (let pages = 0; pages < 5; pages++) {
        const out = await custom(h, { ...input, ...(marker === undefined ? {} : { Marker: marker }) });
        seen.push(...out.EvaluationResults.map((r) => r.EvalActionName));
        marker = out.Marker;
        if (!out.IsTruncated) break;
      }
      assert.deepEqual(seen, input.ActionNames);
      await assert.rejects(
        custom(h, { ...input, Marker: 'garbage' }),
        wardenError('ValidationError', 'Invalid Marker.'),
      );
    }));

  test('ResourcePolicy with CallerArn: EvalDecisionDetails per policy type; a grant to the user allows', () =>
    withHarness(async (h) => {
      const resourcePolicy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: USER('alice') },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
          },
        ],
      });
      const run = (CallerArn: string) =>
        custom(h, {
          PolicyInputList: [doc(allowStmt('s3:ListBucket'))],
          ActionNames: ['s3:GetObject'],
          ResourceArns: ['arn:aws:s3:::b/k'],
          ResourcePolicy: resourcePolicy,
          ResourceOwner: `arn:aws:iam::${ACCT}:root`,
          CallerArn,
        });
      const alice = (await run(USER('alice'))).EvaluationResults[0];
      assert.equal(alice?.EvalDecision, 'allowed');
      assert.deepEqual(alice?.EvalDecisionDetails, {
        'IAM Policy': 'implicitDeny',
        'Resource Policy': 'allowed',
      });
      assert.equal(alice?.MatchedStatements[0]?.SourcePolicyId, 'ResourcePolicy');
      assert.equal(alice?.MatchedStatements[0]?.SourcePolicyType, 'Resource Policy');
      const bob = (await run(USER('bob'))).EvaluationResults[0];
      assert.equal(bob?.EvalDecision, 'implicitDeny');
      await assert.rejects(run('arn:aws:iam::123456789012:role/r'), wardenError('InvalidInput', /CallerArn/));
    }));

  test('ResourceOwner: a resource of another account needs its resource policy to allow too', () =>
    withHarness(async (h) => {
      const run = (ResourceOwner: string, ResourcePolicy?: string) =>
        custom(h, {
          PolicyInputList: [doc(allowStmt('s3:GetObject'))],
          ActionNames: ['s3:GetObject'],
          ResourceArns: ['arn:aws:s3:::b/k'],
          CallerArn: USER('alice'),
          ResourceOwner,
          ...(ResourcePolicy === undefined ? {} : { ResourcePolicy }),
        });
      const decision = async (owner: string, policy?: string) =>
        (await run(owner, policy)).EvaluationResults[0]?.EvalDecision;
      assert.equal(await decision(`arn:aws:iam::${ACCT}:root`), 'allowed');
      assert.equal(await decision('arn:aws:iam::210987654321:root'), 'implicitDeny');
      const grant = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 's3:GetObject', Resource: '*' }],
      });
      assert.equal(await decision('210987654321', grant), 'allowed');
      await assert.rejects(run('not-an-account'), wardenError('InvalidInput', /ResourceOwner/));
    }));

  test('PermissionsBoundaryPolicyInputList: the boundary cuts, and says whether it allowed', () =>
    withHarness(async (h) => {
      const out = await custom(h, {
        PolicyInputList: [doc(allowStmt('iam:*'))],
        PermissionsBoundaryPolicyInputList: [doc(allowStmt('iam:List*'))],
        ActionNames: ['iam:ListUsers', 'iam:CreateUser'],
      });
      const [list, create] = out.EvaluationResults;
      assert.equal(list?.EvalDecision, 'allowed');
      assert.deepEqual(list?.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: true });
      assert.equal(create?.EvalDecision, 'implicitDeny');
      assert.deepEqual(create?.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });
    }));
});

describe('SimulatePrincipalPolicy', () => {
  async function world(h: Harness) {
    await h.call(iam.CreateUser, { UserName: 'alice' });
    await h.call(iam.CreateGroup, { GroupName: 'devs' });
    await addToGroup(h, 'devs', 'alice');
    await putUserPolicy(h, 'alice', 'own', doc(allowStmt('iam:GetUser')));
    await putGroupPolicy(h, 'devs', 'team', doc(allowStmt('iam:ListGroups')));
    const { arn } = await createManaged(
      h,
      'Ops',
      doc(allowStmt('iam:ListUsers'), denyStmt('iam:DeleteUser')),
    );
    await attach(h, 'user', 'alice', arn);
    await attach(h, 'group', 'devs', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
  }

  test("a user's own, group and managed policies, named as AWS names them", () =>
    withHarness(async (h) => {
      await world(h);
      const out = await h.call(iam.SimulatePrincipalPolicy, {
        PolicySourceArn: USER('alice'),
        ActionNames: ['iam:GetUser', 'iam:ListGroups', 'iam:ListUsers', 'iam:DeleteUser', 'iam:CreateUser'],
      });
      const byAction = new Map(out.EvaluationResults.map((r) => [r.EvalActionName, r]));
      const sources = (action: string) =>
        byAction
          .get(action)
          ?.MatchedStatements.map((s) => `${s.SourcePolicyId}`)
          .sort();
      assert.deepEqual(sources('iam:GetUser'), ['IAMReadOnlyAccess', 'own']);
      assert.deepEqual(sources('iam:ListGroups'), ['IAMReadOnlyAccess', 'team']);
      assert.deepEqual(sources('iam:ListUsers'), ['IAMReadOnlyAccess', 'Ops']);
      const types = out.EvaluationResults.flatMap((r) => r.MatchedStatements.map((s) => s.SourcePolicyType));
      assert.deepEqual(new Set(types), new Set(['IAM Policy']));
      assert.equal(byAction.get('iam:DeleteUser')?.EvalDecision, 'explicitDeny');
      assert.equal(byAction.get('iam:CreateUser')?.EvalDecision, 'implicitDeny');
      assert.equal(byAction.get('iam:GetUser')?.PermissionsBoundaryDecisionDetail, undefined);
    }));

  test("the user's boundary applies, and PolicyInputList adds to its policies", () =>
    withHarness(async (h) => {
      await world(h);
      const { arn } = await createManaged(h, 'Boundary', doc(allowStmt(['iam:Get*', 'iam:CreateGroup'])));
      await setBoundary(h, 'alice', arn);
      const out = await h.call(iam.SimulatePrincipalPolicy, {
        PolicySourceArn: USER('alice'),
        ActionNames: ['iam:GetUser', 'iam:ListUsers', 'iam:CreateGroup'],
        PolicyInputList: [doc(allowStmt('iam:CreateGroup'))],
      });
      assert.deepEqual(
        out.EvaluationResults.map((r) => [
          r.EvalDecision,
          r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
        ]),
        [
          ['allowed', true],
          ['implicitDeny', false],
          ['allowed', true],
        ],
      );
    }));

  test("a group's own policies; unknown sources are NoSuchEntity; a bad ARN is InvalidInput", () =>
    withHarness(async (h) => {
      await world(h);
      const out = await h.call(iam.SimulatePrincipalPolicy, {
        PolicySourceArn: `arn:aws:iam::${ACCT}:group/devs`,
        ActionNames: ['iam:ListGroups', 'iam:GetUser', 'iam:CreateUser'],
      });
      assert.deepEqual(
        out.EvaluationResults.map((r) => r.EvalDecision),
        ['allowed', 'allowed', 'implicitDeny'],
      );
      await assert.rejects(
        h.call(iam.SimulatePrincipalPolicy, { PolicySourceArn: USER('ghost'), ActionNames: ['iam:GetUser'] }),
        wardenError('NoSuchEntity', 'The user with name ghost cannot be found.'),
      );
      await assert.rejects(
        h.call(iam.SimulatePrincipalPolicy, {
          PolicySourceArn: USER('eng/alice'),
          ActionNames: ['iam:GetUser'],
        }),
        wardenError('NoSuchEntity', 'The user with name alice cannot be found.'),
      );
      await assert.rejects(
        h.call(iam.SimulatePrincipalPolicy, {
          PolicySourceArn: `arn:aws:iam::${ACCT}:group/none`,
          ActionNames: ['iam:GetUser'],
        }),
        wardenError('NoSuchEntity', 'The group with name none cannot be found.'),
      );
      await assert.rejects(
        h.call(iam.SimulatePrincipalPolicy, {
          PolicySourceArn: 'arn:aws:s3:::bucket-name-x',
          ActionNames: ['iam:GetUser'],
        }),
        wardenError('InvalidInput', /Invalid ARN/),
      );
    }));

  test('its own permission: iam:SimulatePrincipalPolicy on the source ARN; custom ones on *', () =>
    withHarness(async (h) => {
      await world(h);
      await h.call(iam.CreateUser, { UserName: 'bob' });
      await putUserPolicy(
        h,
        'bob',
        'sim',
        doc(allowStmt(['iam:SimulatePrincipalPolicy', 'iam:GetContextKeysForPrincipalPolicy'], USER('bob'))),
      );
      const bob = await h.userCaller('bob');
      await h.call(
        iam.SimulatePrincipalPolicy,
        { PolicySourceArn: USER('bob'), ActionNames: ['iam:GetUser'] },
        bob,
      );
      await assert.rejects(
        h.call(
          iam.SimulatePrincipalPolicy,
          { PolicySourceArn: USER('alice'), ActionNames: ['iam:GetUser'] },
          bob,
        ),
        wardenError(
          'AccessDenied',
          `User: ${USER('bob')} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${USER('alice')} because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
        ),
      );
      await assert.rejects(
        h.call(
          iam.SimulateCustomPolicy,
          { PolicyInputList: [doc(allowStmt('*'))], ActionNames: ['iam:GetUser'] },
          bob,
        ),
        wardenError('AccessDenied', /iam:SimulateCustomPolicy on resource: \* because/),
      );
      await assert.rejects(
        h.call(iam.GetContextKeysForCustomPolicy, { PolicyInputList: [doc(allowStmt('*'))] }, bob),
        wardenError('AccessDenied', /iam:GetContextKeysForCustomPolicy on resource: \* because/),
      );
      await h.call(iam.GetContextKeysForPrincipalPolicy, { PolicySourceArn: USER('bob') }, bob);
    }));
});

describe('GetContextKeysFor*Policy', () => {
  const conditioned = doc(
    allowStmt('iam:*', 'arn:aws:iam::*:user/${aws:username}', {
      Condition: {
        IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
        StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}', 'AWS:SourceIP': 'x' },
      },
    }),
    allowStmt('s3:*', 'arn:aws:s3:::b/${*}', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
  );

  test('custom: condition keys and variables, each once (case-insensitively), as written', () =>
    withHarness(async (h) => {
      const out = await h.call(iam.GetContextKeysForCustomPolicy, { PolicyInputList: [conditioned] });
      assert.deepEqual(out.ContextKeyNames, [
        'aws:username',
        'aws:SourceIp',
        'aws:ResourceTag/team',
        'aws:PrincipalTag/team',
        'aws:SecureTransport',
      ]);
      await assert.rejects(
        h.call(iam.GetContextKeysForCustomPolicy, { PolicyInputList: ['nope'] }),
        wardenError('InvalidInput', /PolicyInputList\.1/),
      );
    }));

  test("principal: the user's, its groups' and its boundary's policies, plus the input", () =>
    withHarness(async (h) => {
      await h.call(iam.CreateUser, { UserName: 'alice' });
      await h.call(iam.CreateGroup, { GroupName: 'g' });
      await addToGroup(h, 'g', 'alice');
      await putGroupPolicy(
        h,
        'g',
        'p',
        doc(allowStmt('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'x' } } })),
      );
      const { arn } = await createManaged(
        h,
        'B',
        doc(allowStmt('*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
      );
      await setBoundary(h, 'alice', arn);
      const out = await h.call(iam.GetContextKeysForPrincipalPolicy, {
        PolicySourceArn: USER('alice'),
        PolicyInputList: [doc(allowStmt('*', '*', { Condition: { StringLike: { 'aws:UserAgent': 'x' } } }))],
      });
      assert.deepEqual(out.ContextKeyNames, ['aws:RequestedRegion', 'aws:SecureTransport', 'aws:UserAgent']);
    }));
});
