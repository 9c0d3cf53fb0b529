import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AuthorizationFacts } from '../port.ts';
import {
  aDocument,
  aGroup,
  aPolicy,
  at,
  aUser,
  awsPolicyArn,
  groupRef,
  inFreshTx,
  userRef,
  type StoreFixtureFactory,
} from './fixture.ts';

const customer = (n: number, defaultVersionId: string, document: string) => ({
  policyArn: aPolicy(n).arn,
  customer: { policyId: aPolicy(n).policyId, defaultVersionId, document },
});

export function authorizationFactsContract(factory: StoreFixtureFactory): void {
  describe('authorizationFacts', () => {
    test("exactly the user's inline and attached (default version) policies, its boundary, and each group's", () =>
      inFreshTx(factory, async (tx) => {
        const user = aUser(1, {
          tags: [{ key: 'team', value: 'blue' }],
          permissionsBoundaryArn: aPolicy(4).arn,
        });
        await tx.users.insert(user);
        await tx.users.insert(aUser(2));
        for (const n of [1, 2, 3, 4, 5]) await tx.policies.insert(aPolicy(n));
        // Policy 1 gets a v2 as default and a v3 that is not: the facts carry v2's text.
        await tx.policyVersions.create(aPolicy(1).policyId, {
          document: '{"v":2}',
          createDate: at(2),
          setAsDefault: true,
        });
        await tx.policyVersions.create(aPolicy(1).policyId, {
          document: '{"v":3}',
          createDate: at(3),
          setAsDefault: false,
        });
        await tx.attachments.attach(userRef(1), aPolicy(1).arn);
        await tx.attachments.attach(userRef(1), awsPolicyArn('ReadOnlyAccess'));
        await tx.inlinePolicies.put(userRef(1), { policyName: 'b-own', document: '{"own":"b"}' });
        await tx.inlinePolicies.put(userRef(1), { policyName: 'A-own', document: '{"own":"a"}' });

        await tx.groups.insert(aGroup(1, { groupName: 'ops' }));
        await tx.groups.insert(aGroup(2, { groupName: 'Devs' }));
        await tx.groups.insert(aGroup(3, { groupName: 'not-a-member' }));
        for (const n of [1, 2]) await tx.groups.addMember(aGroup(n).groupId, user.userId);
        await tx.attachments.attach(groupRef(1), aPolicy(2).arn);
        await tx.attachments.attach(groupRef(1), aPolicy(1).arn);
        await tx.inlinePolicies.put(groupRef(1), { policyName: 'ops-inline', document: '{"g":1}' });
        await tx.attachments.attach(groupRef(3), aPolicy(3).arn);
        await tx.inlinePolicies.put(groupRef(3), { policyName: 'other', document: '{"g":3}' });
        // Another user's policies never leak in.
        await tx.attachments.attach(userRef(2), aPolicy(5).arn);
        await tx.inlinePolicies.put(userRef(2), { policyName: 'theirs', document: '{}' });
        await tx.groups.addMember(aGroup(3).groupId, aUser(2).userId);

        const expected: AuthorizationFacts = {
          user,
          inlinePolicies: [
            { policyName: 'A-own', document: '{"own":"a"}' },
            { policyName: 'b-own', document: '{"own":"b"}' },
          ],
          attachedPolicies: [customer(1, 'v2', '{"v":2}'), { policyArn: awsPolicyArn('ReadOnlyAccess') }],
          permissionsBoundary: customer(4, 'v1', aDocument(4)),
          groups: [
            { group: aGroup(2, { groupName: 'Devs' }), inlinePolicies: [], attachedPolicies: [] },
            {
              group: aGroup(1, { groupName: 'ops' }),
              inlinePolicies: [{ policyName: 'ops-inline', document: '{"g":1}' }],
              attachedPolicies: [customer(1, 'v2', '{"v":2}'), customer(2, 'v1', aDocument(2))],
            },
          ],
          epoch: await tx.authzEpoch(),
        };
        assert.deepEqual(await tx.authorizationFacts(user.userId), expected);
      }));

    test('an unknown user has no facts; a bare user has empty ones; an AWS managed boundary has no document', () =>
      inFreshTx(factory, async (tx) => {
        assert.equal(await tx.authorizationFacts('AIDANOSUCHUSER'), undefined);
        const bare = aUser(1);
        await tx.users.insert(bare);
        assert.deepEqual(await tx.authorizationFacts(bare.userId), {
          user: bare,
          inlinePolicies: [],
          attachedPolicies: [],
          groups: [],
          epoch: await tx.authzEpoch(),
        });
        const boundary = awsPolicyArn('PowerUserAccess');
        await tx.users.update(bare.userId, { permissionsBoundaryArn: boundary });
        const facts = await tx.authorizationFacts(bare.userId);
        assert.deepEqual(facts?.permissionsBoundary, { policyArn: boundary });
        assert.equal(facts?.user.permissionsBoundaryArn, boundary);
      }));

    test('a switched default version shows at once', () =>
      inFreshTx(factory, async (tx) => {
        await tx.users.insert(aUser(1));
        await tx.policies.insert(aPolicy(1));
        await tx.attachments.attach(userRef(1), aPolicy(1).arn);
        const v2 = await tx.policyVersions.create(aPolicy(1).policyId, {
          document: '{"v":2}',
          createDate: at(2),
          setAsDefault: false,
        });
        const doc = async () =>
          (await tx.authorizationFacts(aUser(1).userId))?.attachedPolicies[0]?.customer?.document;
        assert.equal(await doc(), aDocument(1));
        await tx.policyVersions.setDefault(aPolicy(1).policyId, v2 ?? '');
        assert.equal(await doc(), '{"v":2}');
      }));
  });
}
