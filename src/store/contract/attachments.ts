import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError, type PolicyEntitiesRequest } from '../port.ts';
import {
  aGroup,
  allPages,
  aPolicy,
  aUser,
  awsPolicyArn,
  groupRef,
  inFreshTx,
  userRef,
  type StoreFixtureFactory,
} from './fixture.ts';

const constraint = (e: unknown) => isStoreError(e) && e.kind === 'constraint';

export function attachmentsContract(factory: StoreFixtureFactory): void {
  describe('managed policy attachments', () => {
    test('attach is idempotent; detach, isAttached and the counts follow', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        await tx.groups.insert(aGroup(1));
        await tx.policies.insert(aPolicy(1));
        const arn = aPolicy(1).arn;
        const admin = awsPolicyArn('AdministratorAccess');
        assert.equal(await tx.attachments.isAttached(userRef(1), arn), false);
        assert.equal(await tx.attachments.attach(userRef(1), arn), true);
        assert.equal(await tx.attachments.attach(userRef(1), arn), false);
        assert.equal(await tx.attachments.attach(groupRef(1), arn), true);
        assert.equal(await tx.attachments.attach(userRef(1), admin), true, 'AWS managed ARNs attach too');
        assert.equal(await tx.attachments.isAttached(userRef(1), arn), true);
        assert.equal(await tx.attachments.isAttached(groupRef(1), admin), false);
        assert.equal(await tx.attachments.countForEntity(userRef(1)), 2);
        assert.equal(await tx.attachments.countForEntity(groupRef(1)), 1);
        assert.equal(await tx.attachments.countForPolicy(arn), 2);
        assert.equal(await tx.attachments.countForPolicy(admin), 1);
        assert.equal((await tx.policies.getById(aPolicy(1).policyId))?.attachmentCount, 2);
        assert.equal((await tx.counts()).policyVersionsInUse, 3);

        assert.equal(await tx.attachments.detach(userRef(1), arn), true);
        assert.equal(await tx.attachments.detach(userRef(1), arn), false);
        assert.equal(await tx.attachments.detach(groupRef(1), admin), false);
        assert.equal(await tx.attachments.countForPolicy(arn), 1);
        assert.equal((await tx.policies.getById(aPolicy(1).policyId))?.attachmentCount, 1);
      }));

    test('the entity must exist; a user or group with attachments cannot be deleted', () =>
      inFreshTx(factory, async (tx) => {
        await assert.rejects(tx.attachments.attach(userRef(9), awsPolicyArn('ReadOnlyAccess')), constraint);
        await assert.rejects(tx.attachments.attach(groupRef(9), awsPolicyArn('ReadOnlyAccess')), constraint);
        await tx.users.insert(aUser(1));
        await tx.groups.insert(aGroup(1));
        await tx.attachments.attach(userRef(1), awsPolicyArn('ReadOnlyAccess'));
        await tx.attachments.attach(groupRef(1), awsPolicyArn('ReadOnlyAccess'));
        await assert.rejects(tx.users.delete(aUser(1).userId), constraint);
        await assert.rejects(tx.groups.delete(aGroup(1).groupId), constraint);
        await tx.attachments.detach(userRef(1), awsPolicyArn('ReadOnlyAccess'));
        await tx.attachments.detach(groupRef(1), awsPolicyArn('ReadOnlyAccess'));
        assert.equal(await tx.users.delete(aUser(1).userId), true);
        assert.equal(await tx.groups.delete(aGroup(1).groupId), true);
      }));

    test('an ARN attached before its customer managed policy exists links to it once created', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        await tx.attachments.attach(userRef(1), aPolicy(1).arn);
        assert.deepEqual((await tx.authorizationFacts(aUser(1).userId))?.attachedPolicies, [
          { policyArn: aPolicy(1).arn },
        ]);
        await tx.policies.insert(aPolicy(1));
        assert.equal((await tx.policies.getById(aPolicy(1).policyId))?.attachmentCount, 1);
        assert.equal(
          (await tx.authorizationFacts(aUser(1).userId))?.attachedPolicies[0]?.customer?.document,
          aPolicy(1).document,
        );
        await assert.rejects(tx.policies.delete(aPolicy(1).policyId), constraint);
      }));

    test("listForEntity: policy name order (then ARN), the POLICY's path prefix, pages", () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        await tx.policies.insert(aPolicy(1, { policyName: 'ReadOnlyAccess', path: '/mine/' }));
        const arns = [
          awsPolicyArn('ViewOnlyAccess', '/job-function/'),
          awsPolicyArn('ReadOnlyAccess'),
          aPolicy(1, { policyName: 'ReadOnlyAccess', path: '/mine/' }).arn,
          awsPolicyArn('AdministratorAccess'),
          awsPolicyArn('amazonS3FullAccess'),
        ];
        for (const arn of arns) await tx.attachments.attach(userRef(1), arn);
        const all = await allPages((marker) =>
          tx.attachments.listForEntity(userRef(1), { maxItems: 2, marker }),
        );
        assert.deepEqual(all, [
          { policyArn: awsPolicyArn('AdministratorAccess'), policyName: 'AdministratorAccess' },
          { policyArn: awsPolicyArn('amazonS3FullAccess'), policyName: 'amazonS3FullAccess' },
          {
            policyArn: aPolicy(1, { policyName: 'ReadOnlyAccess', path: '/mine/' }).arn,
            policyName: 'ReadOnlyAccess',
          },
          { policyArn: awsPolicyArn('ReadOnlyAccess'), policyName: 'ReadOnlyAccess' },
          { policyArn: awsPolicyArn('ViewOnlyAccess', '/job-function/'), policyName: 'ViewOnlyAccess' },
        ]);
        const jobs = await tx.attachments.listForEntity(userRef(1), {
          maxItems: 10,
          pathPrefix: '/job-function/',
        });
        assert.deepEqual(
          jobs.items.map((a) => a.policyName),
          ['ViewOnlyAccess'],
        );
        const one = await tx.attachments.listForEntity(userRef(1), { maxItems: 1, pathPrefix: '/mine/' });
        assert.deepEqual(one, { items: [all[2]] });
        assert.deepEqual(await tx.attachments.listForEntity(userRef(2), { maxItems: 10 }), { items: [] });
      }));

    test('listEntities: groups then users by name, filters by type, entity path and usage, pages', () =>
      inFreshTx(factory, async (tx) => {
        const arn = aPolicy(1).arn;
        await tx.policies.insert(aPolicy(1));
        const userNames = ['zed', 'Amy', 'bob', 'Cleo'];
        for (const [n, userName] of userNames.entries())
          await tx.users.insert(aUser(n, { userName, path: n % 2 === 0 ? '/eng/' : '/ops/' }));
        for (const n of [0, 1, 2]) await tx.attachments.attach(userRef(n), arn);
        await tx.users.update(aUser(3).userId, { permissionsBoundaryArn: arn });
        await tx.users.update(aUser(0).userId, { permissionsBoundaryArn: arn });
        for (const n of [0, 1]) {
          await tx.groups.insert(aGroup(n, { groupName: ['Zeta', 'alpha'][n] ?? '', path: '/eng/' }));
          await tx.attachments.attach(groupRef(n), arn);
        }
        await tx.users.update(aUser(2).userId, { userName: 'Bobby' });

        const list = (request: Omit<PolicyEntitiesRequest, 'marker' | 'maxItems'>, maxItems = 2) =>
          allPages((marker) => tx.attachments.listEntities(arn, { ...request, maxItems, marker })).then(
            (items) => items.map((e) => `${e.type}:${e.name}`),
          );
        assert.deepEqual(await list({}), [
          'group:alpha',
          'group:Zeta',
          'user:Amy',
          'user:Bobby',
          'user:Cleo',
          'user:zed',
        ]);
        assert.deepEqual(await list({ usage: 'PermissionsPolicy' }, 1), [
          'group:alpha',
          'group:Zeta',
          'user:Amy',
          'user:Bobby',
          'user:zed',
        ]);
        assert.deepEqual(await list({ usage: 'PermissionsBoundary' }), ['user:Cleo', 'user:zed']);
        assert.deepEqual(await list({ entityType: 'user', pathPrefix: '/eng/' }, 1), [
          'user:Bobby',
          'user:zed',
        ]);
        assert.deepEqual(await list({ entityType: 'group', usage: 'PermissionsBoundary' }), []);
        const first = await tx.attachments.listEntities(arn, { maxItems: 1, entityType: 'group' });
        assert.deepEqual(first.items, [
          { type: 'group', id: aGroup(1).groupId, name: 'alpha', path: '/eng/' },
        ]);
        assert.deepEqual(await tx.attachments.listEntities(awsPolicyArn('Nothing'), { maxItems: 5 }), {
          items: [],
        });
      }));
  });
}
