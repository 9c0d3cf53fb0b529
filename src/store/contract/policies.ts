import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError } from '../port.ts';
import {
  aDocument,
  allPages,
  aPolicy,
  at,
  aUser,
  inFreshTx,
  userRef,
  type StoreFixtureFactory,
} from './fixture.ts';

const constraint = (e: unknown) => isStoreError(e) && e.kind === 'constraint';

export function policiesContract(factory: StoreFixtureFactory): void {
  describe('managed policies', () => {
    test('insert creates v1 as default; get by name in any case, by id and by exact ARN', () =>
      inFreshTx(factory, async (tx) => {
        const policy = aPolicy(1, { policyName: 'ReadThings', path: '/team/', description: 'Reads.' });
        assert.equal(await tx.policies.insert(policy), 'inserted');
        const { document: _document, ...fields } = policy;
        const expected = {
          ...fields,
          updateDate: policy.createDate,
          defaultVersionId: 'v1',
          attachmentCount: 0,
          permissionsBoundaryUsageCount: 0,
        };
        assert.deepEqual(await tx.policies.getByName('READTHINGS'), expected);
        assert.deepEqual(await tx.policies.getById(policy.policyId), expected);
        assert.deepEqual(await tx.policies.getByArn(policy.arn), expected);
        assert.equal(await tx.policies.getByArn(policy.arn.toUpperCase()), undefined);
        assert.equal(await tx.policies.getByName('nothing'), undefined);
        assert.deepEqual(await tx.policyVersions.list(policy.policyId), [
          {
            policyId: policy.policyId,
            versionId: 'v1',
            document: policy.document,
            isDefault: true,
            createDate: at(1),
          },
        ]);
        await tx.policies.insert(aPolicy(2));
        const second = await tx.policies.getById(aPolicy(2).policyId);
        assert.ok(second && !('description' in second), 'no description: absent, not undefined-valued');
      }));

    test('name (case-insensitively), id and ARN are each unique', () =>
      inFreshTx(factory, async (tx) => {
        await tx.policies.insert(aPolicy(1, { policyName: 'Admins' }));
        assert.equal(
          await tx.policies.insert(aPolicy(2, { policyName: 'ADMINS', path: '/other/' })),
          'conflict',
        );
        assert.equal(await tx.policies.insert(aPolicy(1, { policyName: 'fresh' })), 'conflict');
        assert.equal(
          await tx.policies.insert(
            aPolicy(3, { policyName: 'fresh', arn: aPolicy(1, { policyName: 'Admins' }).arn }),
          ),
          'conflict',
        );
        assert.equal(await tx.policies.count(), 1);
        assert.equal((await tx.policyVersions.list(aPolicy(1).policyId)).length, 1, 'no stray version');
      }));

    test('tags are replaced as a whole; unknown policy is false', () =>
      inFreshTx(factory, async (tx) => {
        await tx.policies.insert(aPolicy(1, { tags: [{ key: 'a', value: '1' }] }));
        const tags = [
          { key: 'B', value: '' },
          { key: 'b', value: 'x' },
        ];
        assert.equal(await tx.policies.setTags(aPolicy(1).policyId, tags), true);
        assert.deepEqual((await tx.policies.getById(aPolicy(1).policyId))?.tags, tags);
        assert.equal(await tx.policies.setTags('ANPANOSUCH', tags), false);
      }));

    test('delete refuses while non-default versions remain or while attached, then removes everything', () =>
      inFreshTx(factory, async (tx) => {
        const policy = aPolicy(1);
        await tx.policies.insert(policy);
        await tx.users.insert(aUser(1));
        await tx.policyVersions.create(policy.policyId, {
          document: '{}',
          createDate: at(10),
          setAsDefault: false,
        });
        await assert.rejects(tx.policies.delete(policy.policyId), constraint);
        assert.equal(await tx.policyVersions.count(policy.policyId), 2, 'a refused delete changes nothing');
        assert.equal(await tx.policyVersions.delete(policy.policyId, 'v2'), true);

        await tx.attachments.attach(userRef(1), policy.arn);
        await assert.rejects(tx.policies.delete(policy.policyId), constraint);
        assert.ok(await tx.policies.getById(policy.policyId));
        await tx.attachments.detach(userRef(1), policy.arn);

        assert.equal(await tx.policies.delete(policy.policyId), true);
        assert.equal(await tx.policies.delete(policy.policyId), false);
        assert.equal(await tx.policies.getByArn(policy.arn), undefined);
        assert.deepEqual(await tx.policyVersions.list(policy.policyId), []);
        assert.equal(await tx.policies.insert(aPolicy(2, { policyName: policy.policyName })), 'inserted');
        assert.equal((await tx.policies.getById(aPolicy(2).policyId))?.defaultVersionId, 'v1');
      }));

    test('list: path prefix and keyset pages in lower-cased name order', () =>
      inFreshTx(factory, async (tx) => {
        const names = ['delta', 'Alpha', 'charlie', 'Echo', 'bravo', 'foxtrot', 'Golf'];
        for (const [n, name] of names.entries())
          await tx.policies.insert(aPolicy(n, { policyName: name, path: n % 2 === 0 ? '/even/' : '/odd/' }));
        const all = await allPages((marker) => tx.policies.list({ maxItems: 2, marker }));
        assert.deepEqual(
          all.map((p) => p.policyName),
          ['Alpha', 'bravo', 'charlie', 'delta', 'Echo', 'foxtrot', 'Golf'],
        );
        const even = await allPages((marker) =>
          tx.policies.list({ maxItems: 1, marker, pathPrefix: '/even/' }),
        );
        assert.deepEqual(
          even.map((p) => p.policyName),
          ['bravo', 'charlie', 'delta', 'Golf'],
        );
        const empty = await tx.policies.list({ maxItems: 5, pathPrefix: '/none/' });
        assert.deepEqual(empty, { items: [] });
        assert.equal(await tx.policies.count(), 7);
      }));

    test('usage counts are derived; list filters by usage (attached, boundary, either)', () =>
      inFreshTx(factory, async (tx) => {
        for (const n of [1, 2, 3, 4]) await tx.policies.insert(aPolicy(n));
        for (const n of [1, 2]) await tx.users.insert(aUser(n));
        await tx.attachments.attach(userRef(1), aPolicy(1).arn);
        await tx.attachments.attach(userRef(2), aPolicy(1).arn);
        await tx.users.update(aUser(1).userId, { permissionsBoundaryArn: aPolicy(2).arn });
        await tx.users.update(aUser(2).userId, { permissionsBoundaryArn: aPolicy(3).arn });
        await tx.attachments.attach(userRef(1), aPolicy(3).arn);

        const usage = async (n: number) => {
          const p = await tx.policies.getById(aPolicy(n).policyId);
          return [p?.attachmentCount, p?.permissionsBoundaryUsageCount];
        };
        assert.deepEqual(await usage(1), [2, 0]);
        assert.deepEqual(await usage(2), [0, 1]);
        assert.deepEqual(await usage(3), [1, 1]);
        assert.deepEqual(await usage(4), [0, 0]);

        const names = async (usedAs: ('PermissionsPolicy' | 'PermissionsBoundary')[]) =>
          (await allPages((marker) => tx.policies.list({ maxItems: 1, marker, usedAs }))).map(
            (p) => p.policyName,
          );
        assert.deepEqual(await names([]), ['policy1', 'policy2', 'policy3', 'policy4']);
        assert.deepEqual(await names(['PermissionsPolicy']), ['policy1', 'policy3']);
        assert.deepEqual(await names(['PermissionsBoundary']), ['policy2', 'policy3']);
        assert.deepEqual(await names(['PermissionsPolicy', 'PermissionsBoundary']), [
          'policy1',
          'policy2',
          'policy3',
        ]);
        assert.deepEqual(await tx.counts(), {
          users: 2,
          groups: 0,
          policies: 4,
          policyVersionsInUse: 3,
          roles: 0,
          instanceProfiles: 0,
        });
      }));
  });

  describe('policy versions', () => {
    test('numbers only grow: v1..v5, delete v2 and v5, the next is v6', () =>
      inFreshTx(factory, async (tx) => {
        const { policyId } = aPolicy(1);
        await tx.policies.insert(aPolicy(1));
        const created: (string | undefined)[] = [];
        for (const n of [2, 3, 4, 5])
          created.push(
            await tx.policyVersions.create(policyId, {
              document: aDocument(n),
              createDate: at(n * 10),
              setAsDefault: false,
            }),
          );
        assert.deepEqual(created, ['v2', 'v3', 'v4', 'v5']);
        assert.equal(await tx.policyVersions.delete(policyId, 'v2'), true);
        assert.equal(await tx.policyVersions.delete(policyId, 'v5'), true);
        assert.equal(await tx.policyVersions.delete(policyId, 'v5'), false);
        const next = await tx.policyVersions.create(policyId, {
          document: '{}',
          createDate: at(60),
          setAsDefault: false,
        });
        assert.equal(next, 'v6');
        assert.deepEqual(
          (await tx.policyVersions.list(policyId)).map((v) => v.versionId),
          ['v6', 'v4', 'v3', 'v1'],
          'newest first',
        );
        assert.equal(await tx.policyVersions.count(policyId), 4);
        assert.equal(
          await tx.policyVersions.create('ANPANOSUCH', {
            document: '{}',
            createDate: at(0),
            setAsDefault: true,
          }),
          undefined,
        );
      }));

    test('documents come back verbatim; updateDate is the newest version creation date', () =>
      inFreshTx(factory, async (tx) => {
        const { policyId } = aPolicy(1);
        await tx.policies.insert(aPolicy(1));
        const odd = ' {"Version":"2012-10-17",\r\n\t"Statement":[]}  ';
        await tx.policyVersions.create(policyId, { document: odd, createDate: at(500), setAsDefault: false });
        assert.deepEqual(await tx.policyVersions.get(policyId, 'v2'), {
          policyId,
          versionId: 'v2',
          document: odd,
          isDefault: false,
          createDate: at(500),
        });
        assert.equal((await tx.policyVersions.get(policyId, 'v1'))?.document, aDocument(1));
        assert.deepEqual((await tx.policies.getById(policyId))?.updateDate, at(500));
        assert.equal(
          (await tx.policies.getById(policyId))?.defaultVersionId,
          'v1',
          'not default unless asked',
        );
      }));

    test('the default switches with setAsDefault and setDefault; the default cannot be deleted', () =>
      inFreshTx(factory, async (tx) => {
        const { policyId } = aPolicy(1);
        await tx.policies.insert(aPolicy(1));
        await tx.policyVersions.create(policyId, {
          document: '{"v":2}',
          createDate: at(2),
          setAsDefault: true,
        });
        await tx.policyVersions.create(policyId, {
          document: '{"v":3}',
          createDate: at(3),
          setAsDefault: false,
        });
        const defaults = async () =>
          (await tx.policyVersions.list(policyId)).filter((v) => v.isDefault).map((v) => v.versionId);
        assert.equal((await tx.policies.getById(policyId))?.defaultVersionId, 'v2');
        assert.deepEqual(await defaults(), ['v2']);
        await assert.rejects(tx.policyVersions.delete(policyId, 'v2'), constraint);
        assert.equal(await tx.policyVersions.setDefault(policyId, 'v3'), true);
        assert.deepEqual(await defaults(), ['v3']);
        assert.equal((await tx.policyVersions.get(policyId, 'v3'))?.isDefault, true);
        assert.equal(await tx.policyVersions.setDefault(policyId, 'v9'), false);
        assert.equal(await tx.policyVersions.setDefault('ANPANOSUCH', 'v1'), false);
        assert.equal((await tx.policies.getById(policyId))?.defaultVersionId, 'v3');
        assert.equal(await tx.policyVersions.delete(policyId, 'v2'), true);
        assert.deepEqual((await tx.policies.getById(policyId))?.updateDate, at(3), 'setDefault keeps it');
      }));

    test('version ids that are not ours match nothing', () =>
      inFreshTx(factory, async (tx) => {
        const { policyId } = aPolicy(1);
        await tx.policies.insert(aPolicy(1));
        for (const bad of ['1', 'V1', 'v01', 'v1.x', 'v', 'v0', ''])
          assert.equal(await tx.policyVersions.get(policyId, bad), undefined, bad);
        assert.equal(await tx.policyVersions.setDefault(policyId, 'v1.0'), false);
        assert.equal(await tx.policyVersions.delete(policyId, 'x'), false);
      }));
  });
}
