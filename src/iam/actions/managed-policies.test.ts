import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import { harnessWith, START, tags, wardenError, type Harness } from '../testing/harness.ts';
import {
  CreatePolicy,
  CreatePolicyVersion,
  DeletePolicy,
  DeletePolicyVersion,
  GetPolicy,
  GetPolicyVersion,
  ListPolicies,
  ListPolicyTags,
  ListPolicyVersions,
  SetDefaultPolicyVersion,
  TagPolicy,
  UntagPolicy,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);

const ARN = 'arn:aws:iam::123456789012:policy/Readers';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const doc = (action = 's3:GetObject'): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

const create = (h: Harness, name = 'Readers', extra: Partial<Parameters<typeof CreatePolicy.run>[0]> = {}) =>
  h.call(CreatePolicy, { PolicyName: name, PolicyDocument: doc(), ...extra });

/** A document of `size` characters not counting white space. */
function sized(size: number): string {
  const head =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::';
  const tail = '"}]}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

describe('CreatePolicy', () => {
  test('returns the policy with an ANPA id, v1 as default and no attachments', () =>
    withHarness(async (h) => {
      const { Policy } = await create(h, 'Readers', {
        Path: '/team/',
        Description: 'read things',
        Tags: tags(['Team', 'core']),
      });
      assert.match(Policy.PolicyId, /^ANPA[A-Z2-7]{17}$/);
      assert.deepEqual(Policy, {
        PolicyName: 'Readers',
        PolicyId: Policy.PolicyId,
        Arn: 'arn:aws:iam::123456789012:policy/team/Readers',
        Path: '/team/',
        DefaultVersionId: 'v1',
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        Description: 'read things',
        CreateDate: START,
        UpdateDate: START,
        Tags: tags(['Team', 'core']),
      });
      const got = await h.call(GetPolicy, { PolicyArn: Policy.Arn });
      assert.deepEqual(got.Policy, Policy);
    }));

  const refusals: [string, Parameters<typeof CreatePolicy.run>[0], string, string | RegExp][] = [
    [
      'a taken name (any case)',
      { PolicyName: 'READERS', PolicyDocument: doc() },
      'EntityAlreadyExists',
      'A policy called READERS already exists. Duplicate names are not allowed.',
    ],
    [
      'a document that is not JSON',
      { PolicyName: 'p', PolicyDocument: '{"Version": ' },
      'MalformedPolicyDocument',
      'Syntax errors in policy.',
    ],
    [
      'a document with a Principal',
      {
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
        }),
      },
      'MalformedPolicyDocument',
      /principal/i,
    ],
    [
      'more than 6144 characters (white space not counted)',
      { PolicyName: 'p', PolicyDocument: sized(6145) },
      'LimitExceeded',
      'Cannot exceed quota for PolicySize: 6144',
    ],
    [
      'a reserved tag key',
      { PolicyName: 'p', PolicyDocument: doc(), Tags: tags(['aws:x', 'y']) },
      'InvalidInput',
      /aws:/,
    ],
  ];
  for (const [what, input, code, message] of refusals) {
    test(`refuses ${what}`, () =>
      withHarness(async (h) => {
        await create(h);
        await assert.rejects(h.call(CreatePolicy, input), wardenError(code, message));
      }));
  }

  test('takes exactly 6144 characters, white space aside', () =>
    withHarness(async (h) => {
      const text = sized(6144).replace('{', '{\n    ');
      await h.call(CreatePolicy, { PolicyName: 'big', PolicyDocument: text });
      const { PolicyVersion } = await h.call(GetPolicyVersion, {
        PolicyArn: 'arn:aws:iam::123456789012:policy/big',
        VersionId: 'v1',
      });
      assert.equal(PolicyVersion.Document, text);
    }));
});

describe('GetPolicy', () => {
  test('an AWS managed policy from the catalog, in the request partition', () =>
    withHarness(async (h) => {
      const { Policy } = await h.call(GetPolicy, { PolicyArn: ADMIN });
      assert.equal(Policy.PolicyName, 'AdministratorAccess');
      assert.equal(Policy.Arn, ADMIN);
      assert.equal(Policy.Path, '/');
      assert.equal(Policy.DefaultVersionId, 'v1');
      assert.equal(Policy.AttachmentCount, 0);
      assert.equal(Policy.IsAttachable, true);
      assert.equal(Policy.Description, undefined);
    }));

  const misses: [string, string, string, string][] = [
    ['an unknown customer policy', ARN, 'NoSuchEntity', `Policy ${ARN} was not found.`],
    [
      'an unknown AWS policy',
      'arn:aws:iam::aws:policy/Nope',
      'NoSuchEntity',
      'Policy arn:aws:iam::aws:policy/Nope was not found.',
    ],
    [
      'a user ARN',
      'arn:aws:iam::123456789012:user/alice',
      'InvalidInput',
      'ARN arn:aws:iam::123456789012:user/alice is not valid.',
    ],
  ];
  for (const [what, arn, code, message] of misses) {
    test(`refuses ${what}`, () =>
      withHarness(async (h) => {
        await assert.rejects(h.call(GetPolicy, { PolicyArn: arn }), wardenError(code, message));
      }));
  }
});

describe('policy versions', () => {
  test('v2..v5, then LimitExceeded; SetAsDefault and SetDefaultPolicyVersion move the default and UpdateDate', () =>
    withHarness(async (h) => {
      await create(h);
      for (const n of [2, 3, 4, 5]) {
        h.clock.advance(1000);
        const { PolicyVersion } = await h.call(CreatePolicyVersion, {
          PolicyArn: ARN,
          PolicyDocument: doc(`s3:V${n}`),
        });
        assert.deepEqual(PolicyVersion, {
          VersionId: `v${n}`,
          IsDefaultVersion: false,
          CreateDate: h.clock.now(),
        });
      }
      await assert.rejects(
        h.call(CreatePolicyVersion, { PolicyArn: ARN, PolicyDocument: doc() }),
        wardenError(
          'LimitExceeded',
          'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
        ),
      );
      let policy = (await h.call(GetPolicy, { PolicyArn: ARN })).Policy;
      assert.equal(policy.DefaultVersionId, 'v1');
      assert.deepEqual(policy.UpdateDate, new Date(START.getTime() + 4000));

      await h.call(SetDefaultPolicyVersion, { PolicyArn: ARN, VersionId: 'v3' });
      policy = (await h.call(GetPolicy, { PolicyArn: ARN })).Policy;
      assert.equal(policy.DefaultVersionId, 'v3');

      const { Versions, IsTruncated } = await h.call(ListPolicyVersions, { PolicyArn: ARN });
      assert.equal(IsTruncated, false);
      assert.deepEqual(
        Versions.map((v) => [v.VersionId, v.IsDefaultVersion, v.Document]),
        [
          ['v5', false, undefined],
          ['v4', false, undefined],
          ['v3', true, undefined],
          ['v2', false, undefined],
          ['v1', false, undefined],
        ],
      );

      await h.call(DeletePolicyVersion, { PolicyArn: ARN, VersionId: 'v2' });
      h.clock.advance(1000);
      const next = await h.call(CreatePolicyVersion, {
        PolicyArn: ARN,
        PolicyDocument: doc(),
        SetAsDefault: true,
      });
      assert.deepEqual(next.PolicyVersion, {
        VersionId: 'v6',
        IsDefaultVersion: true,
        CreateDate: h.clock.now(),
      });
      assert.equal((await h.call(GetPolicy, { PolicyArn: ARN })).Policy.DefaultVersionId, 'v6');
      const got = await h.call(GetPolicyVersion, { PolicyArn: ARN, VersionId: 'v4' });
      assert.deepEqual(got.PolicyVersion, {
        Document: doc('s3:V4'),
        VersionId: 'v4',
        IsDefaultVersion: false,
        CreateDate: new Date(START.getTime() + 3000),
      });
    }));

  test('paginates versions', () =>
    withHarness(async (h) => {
      await create(h);
      await h.call(CreatePolicyVersion, { PolicyArn: ARN, PolicyDocument: doc() });
      await h.call(CreatePolicyVersion, { PolicyArn: ARN, PolicyDocument: doc() });
      const first = await h.call(ListPolicyVersions, { PolicyArn: ARN, MaxItems: 2 });
      assert.deepEqual(
        first.Versions.map((v) => v.VersionId),
        ['v3', 'v2'],
      );
      assert.equal(first.IsTruncated, true);
      const rest = await h.call(ListPolicyVersions, {
        PolicyArn: ARN,
        MaxItems: 2,
        Marker: first.Marker ?? '',
      });
      assert.deepEqual(
        rest.Versions.map((v) => v.VersionId),
        ['v1'],
      );
      assert.equal(rest.IsTruncated, false);
    }));

  test('refuses to delete the default version, and names versions that do not exist', () =>
    withHarness(async (h) => {
      await create(h);
      await assert.rejects(
        h.call(DeletePolicyVersion, { PolicyArn: ARN, VersionId: 'v1' }),
        wardenError('DeleteConflict', 'Cannot delete the default version of a policy.'),
      );
      const missing = wardenError(
        'NoSuchEntity',
        `Policy ${ARN} version v7 does not exist or is not attachable.`,
      );
      await assert.rejects(h.call(DeletePolicyVersion, { PolicyArn: ARN, VersionId: 'v7' }), missing);
      await assert.rejects(h.call(SetDefaultPolicyVersion, { PolicyArn: ARN, VersionId: 'v7' }), missing);
      await assert.rejects(h.call(GetPolicyVersion, { PolicyArn: ARN, VersionId: 'v7' }), missing);
    }));

  test('validates new versions like new policies', () =>
    withHarness(async (h) => {
      await create(h);
      await assert.rejects(
        h.call(CreatePolicyVersion, { PolicyArn: ARN, PolicyDocument: sized(6145) }),
        wardenError('LimitExceeded', 'Cannot exceed quota for PolicySize: 6144'),
      );
      await assert.rejects(
        h.call(CreatePolicyVersion, { PolicyArn: ARN, PolicyDocument: '[]' }),
        wardenError('MalformedPolicyDocument', /./),
      );
    }));
});

describe('AWS managed policies are read-only', () => {
  const denied = (action: string) =>
    wardenError(
      'AccessDenied',
      `User: arn:aws:iam::123456789012:root is not authorized to perform: iam:${action} on resource: ${ADMIN}`,
    );
  test('CreatePolicyVersion, SetDefaultPolicyVersion, DeletePolicyVersion, DeletePolicy, TagPolicy, UntagPolicy', () =>
    withHarness(async (h) => {
      await assert.rejects(
        h.call(CreatePolicyVersion, { PolicyArn: ADMIN, PolicyDocument: doc() }),
        denied('CreatePolicyVersion'),
      );
      await assert.rejects(
        h.call(SetDefaultPolicyVersion, { PolicyArn: ADMIN, VersionId: 'v1' }),
        denied('SetDefaultPolicyVersion'),
      );
      await assert.rejects(
        h.call(DeletePolicyVersion, { PolicyArn: ADMIN, VersionId: 'v1' }),
        denied('DeletePolicyVersion'),
      );
      await assert.rejects(h.call(DeletePolicy, { PolicyArn: ADMIN }), denied('DeletePolicy'));
      await assert.rejects(
        h.call(TagPolicy, { PolicyArn: ADMIN, Tags: tags(['a', 'b']) }),
        denied('TagPolicy'),
      );
      await assert.rejects(h.call(UntagPolicy, { PolicyArn: ADMIN, TagKeys: ['a'] }), denied('UntagPolicy'));
    }));

  test('its one version is readable with its document; its tags are none', () =>
    withHarness(async (h) => {
      const { PolicyVersion } = await h.call(GetPolicyVersion, {
        PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword',
        VersionId: 'v5',
      });
      assert.equal(PolicyVersion.IsDefaultVersion, true);
      assert.match(PolicyVersion.Document ?? '', /iam:ChangePassword/);
      const list = await h.call(ListPolicyVersions, {
        PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword',
      });
      assert.deepEqual(
        list.Versions.map((v) => [v.VersionId, v.IsDefaultVersion]),
        [['v5', true]],
      );
      await assert.rejects(
        h.call(GetPolicyVersion, { PolicyArn: ADMIN, VersionId: 'v2' }),
        wardenError('NoSuchEntity', `Policy ${ADMIN} version v2 does not exist or is not attachable.`),
      );
      assert.deepEqual((await h.call(ListPolicyTags, { PolicyArn: ADMIN })).Tags, []);
    }));
});

describe('DeletePolicy', () => {
  test('refuses while non-default versions remain, then deletes', () =>
    withHarness(async (h) => {
      await create(h);
      await h.call(CreatePolicyVersion, { PolicyArn: ARN, PolicyDocument: doc() });
      await assert.rejects(
        h.call(DeletePolicy, { PolicyArn: ARN }),
        wardenError(
          'DeleteConflict',
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
        ),
      );
      await h.call(DeletePolicyVersion, { PolicyArn: ARN, VersionId: 'v2' });
      await h.call(DeletePolicy, { PolicyArn: ARN });
      await assert.rejects(
        h.call(GetPolicy, { PolicyArn: ARN }),
        wardenError('NoSuchEntity', `Policy ${ARN} was not found.`),
      );
      await assert.rejects(
        h.call(DeletePolicy, { PolicyArn: ARN }),
        wardenError('NoSuchEntity', `Policy ${ARN} was not found.`),
      );
    }));
});

describe('policy tags', () => {
  test('keys keep their case and are compared with it; untagging absent keys is fine; pages', () =>
    withHarness(async (h) => {
      await create(h, 'Readers', { Tags: tags(['Team', 'a']) });
      await h.call(TagPolicy, { PolicyArn: ARN, Tags: tags(['team', 'b'], ['Team', 'c']) });
      assert.deepEqual(
        (await h.call(ListPolicyTags, { PolicyArn: ARN })).Tags,
        tags(['team', 'b'], ['Team', 'c']),
      );
      await h.call(UntagPolicy, { PolicyArn: ARN, TagKeys: ['team', 'nope'] });
      const { Tags, IsTruncated } = await h.call(ListPolicyTags, { PolicyArn: ARN, MaxItems: 1 });
      assert.deepEqual(Tags, tags(['Team', 'c']));
      assert.equal(IsTruncated, false);
      assert.deepEqual((await h.call(GetPolicy, { PolicyArn: ARN })).Policy.Tags, tags(['Team', 'c']));
    }));

  test('at most 50', () =>
    withHarness(async (h) => {
      await create(h);
      const many = Array.from({ length: 51 }, (_, i): [string, string] => [`k${i}`, 'v']);
      await assert.rejects(
        h.call(TagPolicy, { PolicyArn: ARN, Tags: tags(...many) }),
        wardenError('LimitExceeded', 'Cannot exceed quota for TagsPerPolicy: 50'),
      );
    }));
});

describe('ListPolicies', () => {
  test('Scope Local lists customer policies in name order, without Description or Tags', () =>
    withHarness(async (h) => {
      await create(h, 'b-policy', { Description: 'd', Tags: tags(['a', 'b']) });
      await create(h, 'A-policy', { Path: '/x/' });
      const { Policies, IsTruncated } = await h.call(ListPolicies, { Scope: 'Local' });
      assert.equal(IsTruncated, false);
      assert.deepEqual(
        Policies.map((p) => p.PolicyName),
        ['A-policy', 'b-policy'],
      );
      assert.equal(Policies[1]?.Description, undefined);
      assert.equal(Policies[1]?.Tags, undefined);
      const prefixed = await h.call(ListPolicies, { Scope: 'Local', PathPrefix: '/x/' });
      assert.deepEqual(
        prefixed.Policies.map((p) => p.Arn),
        ['arn:aws:iam::123456789012:policy/x/A-policy'],
      );
    }));

  test('Scope AWS lists the catalog, filtered by path prefix and paged', () =>
    withHarness(async (h) => {
      await create(h);
      const jobs = await h.call(ListPolicies, { Scope: 'AWS', PathPrefix: '/job-function/' });
      assert.ok(jobs.Policies.length >= 9);
      assert.ok(jobs.Policies.every((p) => p.Arn.startsWith('arn:aws:iam::aws:policy/job-function/')));
      assert.ok(jobs.Policies.some((p) => p.PolicyName === 'ViewOnlyAccess'));
      const first = await h.call(ListPolicies, { Scope: 'AWS', MaxItems: 100 });
      assert.equal(first.Policies.length, 100);
      assert.equal(first.IsTruncated, true);
      const second = await h.call(ListPolicies, { Scope: 'AWS', MaxItems: 100, Marker: first.Marker ?? '' });
      assert.equal(second.Policies.length, 100);
      assert.notEqual(second.Policies[0]?.Arn, first.Policies[0]?.Arn);
    }));

  test('Scope All (the default) merges both', () =>
    withHarness(async (h) => {
      await create(h, 'AdministratorAccessLocal');
      const { Policies } = await h.call(ListPolicies, { MaxItems: 1000 });
      const names = Policies.map((p) => p.PolicyName);
      assert.ok(names.includes('AdministratorAccessLocal'));
      assert.ok(names.includes('AdministratorAccess'));
      const folded = names.map((n) => n.toLowerCase());
      assert.deepEqual(folded, [...folded].sort());
    }));
});
