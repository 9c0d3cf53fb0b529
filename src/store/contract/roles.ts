import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError, type InstanceProfileRecord, type RoleRecord } from '../port.ts';
import {
  aDocument,
  allPages,
  aPolicy,
  aUser,
  at,
  awsPolicyArn,
  id,
  inFreshTx,
  type StoreFixtureFactory,
} from './fixture.ts';

const TRUST =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

export function aRole(n: number, overrides: Partial<RoleRecord> = {}): RoleRecord {
  return {
    roleId: id('AROA', n),
    roleName: `role${n}`,
    path: '/',
    assumeRolePolicyDocument: TRUST,
    maxSessionDuration: 3600,
    createDate: at(n),
    tags: [],
    ...overrides,
  };
}

export function aProfile(n: number, overrides: Partial<InstanceProfileRecord> = {}): InstanceProfileRecord {
  return {
    instanceProfileId: id('AIPA', n),
    instanceProfileName: `profile${n}`,
    path: '/',
    createDate: at(n),
    tags: [],
    ...overrides,
  };
}

const constraint = (e: unknown) => isStoreError(e) && e.kind === 'constraint';
const roleRef = (n: number) => ({ type: 'role', id: aRole(n).roleId }) as const;

export function rolesContract(factory: StoreFixtureFactory): void {
  describe('roles', () => {
    test('insert, look up case-insensitively, conflict on name or id; optional fields round-trip', () =>
      inFreshTx(factory, async (tx) => {
        const full = aRole(1, {
          roleName: 'Deployer',
          path: '/ci/',
          description: 'd\u00e9ploie',
          maxSessionDuration: 7200,
          permissionsBoundaryArn: awsPolicyArn('ReadOnlyAccess'),
          linkedService: 'ecs.amazonaws.com',
          tags: [{ key: 'team', value: 'a' }],
        });
        assert.equal(await tx.roles.insert(full), 'inserted');
        assert.deepEqual(await tx.roles.getByName('DEPLOYER'), full);
        assert.deepEqual(await tx.roles.getById(full.roleId), full);
        assert.equal(await tx.roles.insert(aRole(2, { roleName: 'deployer' })), 'conflict');
        assert.equal(await tx.roles.insert(aRole(1, { roleName: 'other' })), 'conflict');
        assert.equal(await tx.roles.getByName('nobody'), undefined);
        assert.equal(await tx.roles.count(), 1);
        assert.equal((await tx.counts()).roles, 1);
      }));

    test('update patches, clears with null and moves the epoch; missing roles say false', () =>
      inFreshTx(factory, async (tx) => {
        await tx.roles.insert(aRole(1, { description: 'x' }));
        const before = await tx.authzEpoch();
        assert.equal(
          await tx.roles.update(aRole(1).roleId, {
            description: null,
            maxSessionDuration: 43200,
            assumeRolePolicyDocument: aDocument(3),
            permissionsBoundaryArn: 'arn:aws:iam::aws:policy/X',
            tags: [{ key: 'k', value: 'v' }],
          }),
          true,
        );
        assert.ok((await tx.authzEpoch()) > before);
        const role = await tx.roles.getById(aRole(1).roleId);
        assert.equal(role?.description, undefined);
        assert.equal(role?.maxSessionDuration, 43200);
        assert.equal(role?.assumeRolePolicyDocument, aDocument(3));
        assert.equal(role?.permissionsBoundaryArn, 'arn:aws:iam::aws:policy/X');
        assert.deepEqual(role?.tags, [{ key: 'k', value: 'v' }]);
        assert.equal(await tx.roles.update(aRole(9).roleId, { maxSessionDuration: 3600 }), false);
        await assert.rejects(tx.attachments.attach(roleRef(9), awsPolicyArn('ReadOnlyAccess')), constraint);
        await assert.rejects(
          tx.inlinePolicies.put(roleRef(9), { policyName: 'p', document: aDocument(1) }),
          constraint,
        );
      }));

    test('recordUse keeps the latest date, writes at most once a minute per region, never moves the epoch', () =>
      inFreshTx(factory, async (tx) => {
        await tx.roles.insert(aRole(1));
        const roleId = aRole(1).roleId;
        const epoch = await tx.authzEpoch();
        await tx.roles.recordUse(roleId, { date: at(120_000), region: 'us-east-1' });
        await tx.roles.recordUse(roleId, { date: at(130_000), region: 'us-east-1' });
        assert.deepEqual((await tx.roles.getById(roleId))?.lastUsed, {
          date: at(120_000),
          region: 'us-east-1',
        });
        await tx.roles.recordUse(roleId, { date: at(140_000), region: 'eu-west-1' });
        assert.deepEqual((await tx.roles.getById(roleId))?.lastUsed, {
          date: at(140_000),
          region: 'eu-west-1',
        });
        await tx.roles.recordUse(roleId, { date: at(1_000), region: 'us-east-1' });
        assert.deepEqual((await tx.roles.getById(roleId))?.lastUsed?.date, at(140_000), 'never backwards');
        await tx.roles.recordUse(aRole(7).roleId, { date: at(1), region: 'x' });
        assert.equal(await tx.authzEpoch(), epoch);
        assert.equal(await tx.roles.insert(aRole(2, { lastUsed: { date: at(5), region: 'x' } })), 'inserted');
        assert.equal(
          (await tx.roles.getById(aRole(2).roleId))?.lastUsed,
          undefined,
          'insert ignores lastUsed',
        );
      }));

    test('listed by lower-cased name in pages, filtered by path prefix', () =>
      inFreshTx(factory, async (tx) => {
        const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'];
        for (const [i, roleName] of names.entries())
          await tx.roles.insert(aRole(i, { roleName, path: i % 2 === 0 ? '/a/' : '/b/' }));
        const all = await allPages((marker) => tx.roles.list({ marker, maxItems: 2 }));
        assert.deepEqual(
          all.map((r) => r.roleName),
          ['Alpha', 'Bravo', 'charlie', 'delta', 'echo'],
        );
        const underA = await allPages((marker) => tx.roles.list({ marker, maxItems: 1, pathPrefix: '/a/' }));
        assert.deepEqual(
          underA.map((r) => r.roleName),
          ['charlie', 'delta', 'echo'],
        );
      }));

    test('policies attach to roles and are embedded in them; delete is refused until they are gone', () =>
      inFreshTx(factory, async (tx) => {
        await tx.roles.insert(aRole(1));
        await tx.policies.insert(aPolicy(1));
        const ref = roleRef(1);
        assert.equal(await tx.attachments.attach(ref, aPolicy(1).arn), true);
        assert.equal(await tx.attachments.attach(ref, awsPolicyArn('ReadOnlyAccess')), true);
        await tx.inlinePolicies.put(ref, { policyName: 'Inline', document: aDocument(2) });
        assert.equal(await tx.attachments.countForPolicy(aPolicy(1).arn), 1);
        assert.equal((await tx.policies.getByArn(aPolicy(1).arn))?.attachmentCount, 1);
        assert.equal((await tx.counts()).policyVersionsInUse, 2);
        await assert.rejects(tx.roles.delete(ref.id), constraint);
        await assert.rejects(tx.policies.delete(aPolicy(1).policyId), constraint);
        await tx.attachments.detach(ref, aPolicy(1).arn);
        await tx.attachments.detach(ref, awsPolicyArn('ReadOnlyAccess'));
        await assert.rejects(tx.roles.delete(ref.id), constraint);
        await tx.inlinePolicies.delete(ref, 'inline');
        assert.equal(await tx.roles.delete(ref.id), true);
        assert.equal(await tx.roles.delete(ref.id), false);
      }));

    test('ListEntitiesForPolicy and the boundary count include roles (group < role < user)', () =>
      inFreshTx(factory, async (tx) => {
        await tx.policies.insert(aPolicy(1));
        const arn = aPolicy(1).arn;
        await tx.roles.insert(aRole(1, { roleName: 'attached', path: '/r/' }));
        await tx.roles.insert(aRole(2, { roleName: 'bounded', permissionsBoundaryArn: arn }));
        await tx.users.insert(aUser(1));
        await tx.attachments.attach(roleRef(1), arn);
        await tx.attachments.attach({ type: 'user', id: aUser(1).userId }, arn);
        const all = await tx.attachments.listEntities(arn, { maxItems: 10 });
        assert.deepEqual(
          all.items.map((e) => `${e.type}:${e.name}`),
          ['role:attached', 'role:bounded', 'user:user1'],
        );
        const roles = await allPages((marker) =>
          tx.attachments.listEntities(arn, { marker, maxItems: 1, entityType: 'role' }),
        );
        assert.deepEqual(
          roles.map((e) => e.id),
          [aRole(1).roleId, aRole(2).roleId],
        );
        const boundaries = await tx.attachments.listEntities(arn, {
          maxItems: 10,
          usage: 'PermissionsBoundary',
        });
        assert.deepEqual(
          boundaries.items.map((e) => e.name),
          ['bounded'],
        );
        const underR = await tx.attachments.listEntities(arn, { maxItems: 10, pathPrefix: '/r/' });
        assert.deepEqual(
          underR.items.map((e) => e.name),
          ['attached'],
        );
        const policy = await tx.policies.getByArn(arn);
        assert.equal(policy?.attachmentCount, 2);
        assert.equal(policy?.permissionsBoundaryUsageCount, 1);
      }));

    test('roleAuthorizationFacts: inline, attached (customer with its default document, AWS by ARN), boundary', () =>
      inFreshTx(factory, async (tx) => {
        await tx.policies.insert(aPolicy(1));
        await tx.policies.insert(aPolicy(2));
        await tx.roles.insert(aRole(1, { permissionsBoundaryArn: aPolicy(2).arn }));
        await tx.roles.insert(aRole(2, { permissionsBoundaryArn: awsPolicyArn('PowerUserAccess') }));
        const ref = roleRef(1);
        await tx.attachments.attach(ref, aPolicy(1).arn);
        await tx.attachments.attach(ref, awsPolicyArn('AdministratorAccess'));
        await tx.inlinePolicies.put(ref, { policyName: 'b', document: aDocument(5) });
        await tx.inlinePolicies.put(ref, { policyName: 'A', document: aDocument(6) });
        const facts = await tx.roleAuthorizationFacts(ref.id);
        assert.equal(facts?.role.roleName, 'role1');
        assert.deepEqual(
          facts?.inlinePolicies.map((p) => p.policyName),
          ['A', 'b'],
        );
        assert.deepEqual(facts?.attachedPolicies, [
          { policyArn: awsPolicyArn('AdministratorAccess') },
          {
            policyArn: aPolicy(1).arn,
            customer: { policyId: aPolicy(1).policyId, defaultVersionId: 'v1', document: aDocument(1) },
          },
        ]);
        assert.deepEqual(facts?.permissionsBoundary, {
          policyArn: aPolicy(2).arn,
          customer: { policyId: aPolicy(2).policyId, defaultVersionId: 'v1', document: aDocument(2) },
        });
        assert.equal(facts?.epoch, await tx.authzEpoch());
        const other = await tx.roleAuthorizationFacts(aRole(2).roleId);
        assert.deepEqual(other?.permissionsBoundary, { policyArn: awsPolicyArn('PowerUserAccess') });
        assert.deepEqual(other?.attachedPolicies, []);
        assert.equal(await tx.roleAuthorizationFacts(aRole(9).roleId), undefined);
      }));
  });

  describe('instance profiles', () => {
    test('insert, look up case-insensitively, tags, conflicts, counts', () =>
      inFreshTx(factory, async (tx) => {
        const profile = aProfile(1, {
          instanceProfileName: 'Web',
          path: '/p/',
          tags: [{ key: 'K', value: 'v' }],
        });
        assert.equal(await tx.instanceProfiles.insert(profile), 'inserted');
        assert.deepEqual(await tx.instanceProfiles.getByName('web'), profile);
        assert.deepEqual(await tx.instanceProfiles.getById(profile.instanceProfileId), profile);
        assert.equal(
          await tx.instanceProfiles.insert(aProfile(2, { instanceProfileName: 'WEB' })),
          'conflict',
        );
        assert.equal(await tx.instanceProfiles.setTags(profile.instanceProfileId, []), true);
        assert.deepEqual((await tx.instanceProfiles.getByName('Web'))?.tags, []);
        assert.equal(await tx.instanceProfiles.setTags(aProfile(9).instanceProfileId, []), false);
        assert.equal(await tx.instanceProfiles.count(), 1);
        assert.equal((await tx.counts()).instanceProfiles, 1);
      }));

    test('one role per profile; the role and the profile cannot go while linked', () =>
      inFreshTx(factory, async (tx) => {
        await tx.roles.insert(aRole(1));
        await tx.roles.insert(aRole(2));
        for (const n of [1, 2, 3])
          await tx.instanceProfiles.insert(aProfile(n, { instanceProfileName: `p${4 - n}` }));
        const [p1, p2] = [aProfile(1).instanceProfileId, aProfile(2).instanceProfileId];
        const [r1, r2] = [aRole(1).roleId, aRole(2).roleId];
        assert.equal(await tx.instanceProfiles.addRole(p1, r1), 'added');
        assert.equal(await tx.instanceProfiles.addRole(p1, r2), 'full');
        assert.equal(await tx.instanceProfiles.addRole(p1, r1), 'full');
        assert.equal(await tx.instanceProfiles.addRole(aProfile(9).instanceProfileId, r1), 'missing');
        await assert.rejects(
          tx.instanceProfiles.addRole(aProfile(3).instanceProfileId, aRole(9).roleId),
          constraint,
        );
        assert.equal(await tx.instanceProfiles.addRole(p2, r1), 'added');
        assert.equal((await tx.instanceProfiles.getById(p1))?.roleId, r1);
        assert.equal(await tx.instanceProfiles.countForRole(r1), 2);
        const forRole = await allPages((marker) =>
          tx.instanceProfiles.listForRole(r1, { marker, maxItems: 1 }),
        );
        assert.deepEqual(
          forRole.map((p) => p.instanceProfileName),
          ['p2', 'p3'],
        );
        await assert.rejects(tx.roles.delete(r1), constraint);
        await assert.rejects(tx.instanceProfiles.delete(p1), constraint);
        assert.equal(await tx.instanceProfiles.removeRole(p1, r2), false);
        assert.equal(await tx.instanceProfiles.removeRole(p1, r1), true);
        assert.equal(await tx.instanceProfiles.removeRole(p1, r1), false);
        assert.equal(await tx.instanceProfiles.delete(p1), true);
        assert.equal(await tx.instanceProfiles.delete(p1), false);
        await tx.instanceProfiles.removeRole(p2, r1);
        assert.equal(await tx.roles.delete(r1), true);
      }));

    test('listed by lower-cased name in pages, filtered by path prefix', () =>
      inFreshTx(factory, async (tx) => {
        for (const [i, name] of ['b', 'C', 'a'].entries())
          await tx.instanceProfiles.insert(
            aProfile(i, { instanceProfileName: name, path: i === 1 ? '/x/' : '/' }),
          );
        const all = await allPages((marker) => tx.instanceProfiles.list({ marker, maxItems: 2 }));
        assert.deepEqual(
          all.map((p) => p.instanceProfileName),
          ['a', 'b', 'C'],
        );
        const x = await tx.instanceProfiles.list({ maxItems: 10, pathPrefix: '/x/' });
        assert.deepEqual(
          x.items.map((p) => p.instanceProfileName),
          ['C'],
        );
      }));

    test('service-linked role deletion tasks are kept by id', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.roleDeletionTasks.get('task/x'), undefined);
        await tx.roleDeletionTasks.put('task/x', 'IN_PROGRESS', at(1));
        await tx.roleDeletionTasks.put('task/x', 'SUCCEEDED', at(2));
        assert.equal(await tx.roleDeletionTasks.get('task/x'), 'SUCCEEDED');
      }));

    test('wipeAll removes roles, profiles and tasks', () =>
      inFreshTx(factory, async (tx) => {
        await tx.roles.insert(aRole(1));
        await tx.instanceProfiles.insert(aProfile(1));
        await tx.instanceProfiles.addRole(aProfile(1).instanceProfileId, aRole(1).roleId);
        await tx.attachments.attach(roleRef(1), awsPolicyArn('ReadOnlyAccess'));
        await tx.inlinePolicies.put(roleRef(1), { policyName: 'p', document: aDocument(1) });
        await tx.roleDeletionTasks.put('t', 'SUCCEEDED', at(1));
        await tx.wipeAll();
        assert.equal(await tx.roles.count(), 0);
        assert.equal(await tx.instanceProfiles.count(), 0);
        assert.equal(await tx.roleDeletionTasks.get('t'), undefined);
      }));
  });
}
