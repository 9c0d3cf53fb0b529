import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError, type PolicyEntityRef, type PolicyEntityType, type StoreTx } from '../port.ts';
import {
  aDocument,
  aGroup,
  allPages,
  aUser,
  groupRef,
  inFreshTx,
  userRef,
  type StoreFixtureFactory,
} from './fixture.ts';

const constraint = (e: unknown) => isStoreError(e) && e.kind === 'constraint';

export function inlinePoliciesContract(factory: StoreFixtureFactory): void {
  describe('inline policies', () => {
    const kinds: [
      PolicyEntityType,
      (tx: StoreTx, n: number) => Promise<unknown>,
      (n: number) => PolicyEntityRef,
    ][] = [
      ['user', (tx, n) => tx.users.insert(aUser(n)), userRef],
      ['group', (tx, n) => tx.groups.insert(aGroup(n)), groupRef],
    ];
    for (const [type, insert, ref] of kinds) {
      test(`${type}: put creates then replaces (case-insensitive name); get, delete, count`, () =>
        inFreshTx(factory, async (tx) => {
          await insert(tx, 1);
          await insert(tx, 2);
          const entity = ref(1);
          assert.equal(
            await tx.inlinePolicies.put(entity, { policyName: 'S3Read', document: aDocument(1) }),
            'created',
          );
          assert.deepEqual(await tx.inlinePolicies.get(entity, 's3read'), {
            policyName: 'S3Read',
            document: aDocument(1),
          });
          assert.equal(
            await tx.inlinePolicies.put(entity, { policyName: 's3READ', document: aDocument(2) }),
            'replaced',
          );
          assert.deepEqual(await tx.inlinePolicies.get(entity, 'S3Read'), {
            policyName: 's3READ',
            document: aDocument(2),
          });
          assert.equal(await tx.inlinePolicies.get(ref(2), 'S3Read'), undefined, 'per entity');
          assert.equal(await tx.inlinePolicies.count(entity), 1);
          assert.equal(await tx.inlinePolicies.delete(entity, 'S3READ'), true);
          assert.equal(await tx.inlinePolicies.delete(entity, 'S3READ'), false);
          assert.equal(await tx.inlinePolicies.count(entity), 0);
        }));

      test(`${type}: names are listed in pages, all documents at once; deleting the owner is refused`, () =>
        inFreshTx(factory, async (tx) => {
          await insert(tx, 1);
          const entity = ref(1);
          const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'];
          for (const [n, policyName] of names.entries())
            await tx.inlinePolicies.put(entity, { policyName, document: aDocument(n) });
          const listed = await allPages((marker) =>
            tx.inlinePolicies.listNames(entity, { maxItems: 2, marker }),
          );
          assert.deepEqual(listed, ['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
          const all = await tx.inlinePolicies.listAll(entity);
          assert.deepEqual(
            all.map((p) => p.policyName),
            listed,
          );
          assert.equal(all[0]?.document, aDocument(1));
          await assert.rejects(
            type === 'user' ? tx.users.delete(aUser(1).userId) : tx.groups.delete(aGroup(1).groupId),
            constraint,
          );
          for (const name of names) await tx.inlinePolicies.delete(entity, name);
          assert.equal(
            await (type === 'user' ? tx.users.delete(aUser(1).userId) : tx.groups.delete(aGroup(1).groupId)),
            true,
          );
        }));

      test(`${type}: the owner must exist`, () =>
        inFreshTx(factory, async (tx) => {
          await assert.rejects(
            tx.inlinePolicies.put(ref(7), { policyName: 'p', document: '{}' }),
            constraint,
          );
          assert.deepEqual(await tx.inlinePolicies.listAll(ref(7)), []);
        }));
    }
  });
}
