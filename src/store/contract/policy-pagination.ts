import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { PolicyEntityType, PolicyUsage } from '../port.ts';
import {
  aGroup,
  allPages,
  aUser,
  awsPolicyArn,
  inFreshTx,
  userRef,
  type StoreFixtureFactory,
} from './fixture.ts';

/** IAM name characters, upper and lower case mixed, so case-folding and ordering are exercised. */
const nameArb = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,10}$/);
const pathArb = fc.constantFrom('/', '/a/', '/a/b/', '/b/');
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const ARN = awsPolicyArn('Target');

export function policyPaginationContract(factory: StoreFixtureFactory): void {
  describe('policy list pagination (property)', () => {
    test('listEntities pages concatenate to exactly the filtered entities, groups then users by name', () =>
      inFreshTx(factory, async (tx) => {
        const entity = fc.record({
          type: fc.constantFrom<PolicyEntityType>('user', 'group'),
          name: nameArb,
          path: pathArb,
          attached: fc.boolean(),
          boundary: fc.boolean(),
        });
        const sample = fc.record({
          entities: fc.uniqueArray(entity, {
            maxLength: 30,
            selector: (e) => `${e.type}:${e.name.toLowerCase()}`,
          }),
          prefix: fc.constantFrom('/', '/a/', '/a/b', '/b/', '/c/'),
          entityType: fc.constantFrom<PolicyEntityType | undefined>('user', 'group', undefined),
          usage: fc.constantFrom<PolicyUsage | undefined>(
            'PermissionsPolicy',
            'PermissionsBoundary',
            undefined,
          ),
          maxItems: fc.integer({ min: 1, max: 7 }),
        });
        await fc.assert(
          fc.asyncProperty(sample, async ({ entities, prefix, entityType, usage, maxItems }) => {
            await tx.wipeAll();
            for (const [n, e] of entities.entries()) {
              if (e.type === 'user') {
                const boundary = e.boundary ? { permissionsBoundaryArn: ARN } : {};
                await tx.users.insert(aUser(n, { userName: e.name, path: e.path, ...boundary }));
              } else await tx.groups.insert(aGroup(n, { groupName: e.name, path: e.path }));
              const ref = { type: e.type, id: e.type === 'user' ? aUser(n).userId : aGroup(n).groupId };
              if (e.attached) await tx.attachments.attach(ref, ARN);
            }
            const uses = (e: (typeof entities)[number]) =>
              (usage !== 'PermissionsBoundary' && e.attached) ||
              (usage !== 'PermissionsPolicy' && e.type === 'user' && e.boundary);
            const expected = entities
              .filter((e) => uses(e) && e.path.startsWith(prefix) && (entityType ?? e.type) === e.type)
              .map((e) => ({ key: `${e.type}\n${e.name.toLowerCase()}`, label: `${e.type}:${e.name}` }))
              .sort((a, b) => byKey(a.key, b.key))
              .map((e) => e.label);
            const listed = await allPages((marker) =>
              tx.attachments.listEntities(ARN, { maxItems, marker, pathPrefix: prefix, entityType, usage }),
            );
            assert.deepEqual(
              listed.map((e) => `${e.type}:${e.name}`),
              expected,
            );
          }),
          { numRuns: 40 },
        );
      }));

    test('listForEntity pages concatenate to exactly the attached policies under the prefix', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        const policy = fc.record({ name: nameArb, path: pathArb, aws: fc.boolean() });
        const sample = fc.record({
          policies: fc.uniqueArray(policy, { maxLength: 20, selector: (p) => `${p.aws}${p.path}${p.name}` }),
          prefix: fc.constantFrom('/', '/a/', '/a/b', '/b/'),
          maxItems: fc.integer({ min: 1, max: 6 }),
        });
        await fc.assert(
          fc.asyncProperty(sample, async ({ policies, prefix, maxItems }) => {
            for (const page of await allPages((marker) =>
              tx.attachments.listForEntity(userRef(1), { maxItems: 100, marker }),
            ))
              await tx.attachments.detach(userRef(1), page.policyArn);
            const arns = policies.map((p) =>
              p.aws ? awsPolicyArn(p.name, p.path) : `arn:aws:iam::123456789012:policy${p.path}${p.name}`,
            );
            for (const arn of arns) await tx.attachments.attach(userRef(1), arn);
            const expected = policies
              .map((p, n) => ({ p, arn: arns[n] ?? '' }))
              .filter(({ p }) => p.path.startsWith(prefix))
              .sort((a, b) => byKey(a.p.name.toLowerCase(), b.p.name.toLowerCase()) || byKey(a.arn, b.arn))
              .map(({ arn }) => arn);
            const listed = await allPages((marker) =>
              tx.attachments.listForEntity(userRef(1), { maxItems, marker, pathPrefix: prefix }),
            );
            assert.deepEqual(
              listed.map((a) => a.policyArn),
              expected,
            );
          }),
          { numRuns: 40 },
        );
      }));
  });
}
