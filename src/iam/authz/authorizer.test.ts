import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyCache } from '../../policy/index.ts';
import type { Store } from '../../store/port.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import * as iam from '../actions/index.ts';
import { harnessWith, type Harness } from '../testing/harness.ts';
import { AWS_MANAGED } from '../aws-managed/index.ts';
import { Authorizer } from './authorizer.ts';
import { catalogDocuments } from './decision.ts';
import {
  addToGroup,
  addVersion,
  allowedTo,
  allowStmt,
  attach,
  createManaged,
  deleteUserPolicy,
  denyStmt,
  detach,
  doc,
  putGroupPolicy,
  putUserPolicy,
  removeFromGroup,
  setBoundary,
  setDefaultVersion,
  setUserTags,
} from './test-kit.ts';

const withHarness = harnessWith(openSqliteStore);

async function alice(h: Harness) {
  await h.call(iam.CreateUser, { UserName: 'alice' });
  await h.call(iam.CreateGroup, { GroupName: 'devs' });
  return h.userCaller('alice');
}

describe('the authorizer cache', () => {
  test('a repeated request is served from the cache: one epoch read, no gathering', () =>
    withHarness(async (h) => {
      const caller = await alice(h);
      await putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:List*')));
      const { stats } = h.authorizer;
      assert.equal(await allowedTo(h, iam.ListUsers, {}, caller), true);
      const misses = stats.misses;
      for (let i = 0; i < 5; i++) assert.equal(await allowedTo(h, iam.ListGroups, {}, caller), true);
      assert.equal(stats.misses, misses);
      assert.ok(stats.hits >= 5);
      // A write that cannot change a decision (an access key) leaves the entry valid.
      await h.call(iam.CreateAccessKey, { UserName: 'alice' });
      await allowedTo(h, iam.ListUsers, {}, caller);
      assert.equal(stats.misses, misses);
    }));

  // Each kind of change that feeds a decision, made outside the authorizer (as another request
  // would make it), and seen on the very next request.
  const changes: [string, (h: Harness) => Promise<void>, (h: Harness) => Promise<void>][] = [
    [
      'inline user policy put',
      () => Promise.resolve(),
      (h) => putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:ListUsers'))),
    ],
    [
      'inline user policy deleted',
      (h) => putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:ListUsers'))),
      (h) => deleteUserPolicy(h, 'alice', 'p'),
    ],
    [
      'inline user policy replaced by a deny',
      (h) => putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:ListUsers'))),
      (h) => putUserPolicy(h, 'alice', 'p', doc(allowStmt('*'), denyStmt('iam:ListUsers'))),
    ],
    [
      'group policy put',
      (h) => addToGroup(h, 'devs', 'alice'),
      (h) => putGroupPolicy(h, 'devs', 'g', doc(allowStmt('iam:ListUsers'))),
    ],
    [
      'membership added',
      (h) => putGroupPolicy(h, 'devs', 'g', doc(allowStmt('iam:ListUsers'))),
      (h) => addToGroup(h, 'devs', 'alice'),
    ],
    [
      'membership removed',
      async (h) => {
        await putGroupPolicy(h, 'devs', 'g', doc(allowStmt('iam:ListUsers')));
        await addToGroup(h, 'devs', 'alice');
      },
      (h) => removeFromGroup(h, 'devs', 'alice'),
    ],
    [
      'AWS managed policy attached',
      () => Promise.resolve(),
      (h) => attach(h, 'user', 'alice', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'),
    ],
    [
      'AWS managed policy detached from the group',
      async (h) => {
        await addToGroup(h, 'devs', 'alice');
        await attach(h, 'group', 'devs', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
      },
      (h) => detach(h, 'group', 'devs', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'),
    ],
    [
      'customer managed policy: new default version',
      async (h) => {
        const { arn } = await createManaged(h, 'm', doc(allowStmt('iam:GetUser')));
        await attach(h, 'user', 'alice', arn);
      },
      async (h) => {
        const policy = await h.store.transaction((tx) => tx.policies.getByName('m'));
        await addVersion(h, policy?.policyId ?? '', doc(allowStmt('iam:ListUsers')), true);
      },
    ],
    [
      'customer managed policy: default set back',
      async (h) => {
        const { arn, policyId } = await createManaged(h, 'm', doc(allowStmt('iam:ListUsers')));
        await attach(h, 'user', 'alice', arn);
        await addVersion(h, policyId, doc(allowStmt('iam:GetUser')), false);
      },
      async (h) => {
        const policy = await h.store.transaction((tx) => tx.policies.getByName('m'));
        await setDefaultVersion(h, policy?.policyId ?? '', 'v2');
      },
    ],
    [
      'boundary set',
      (h) => putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:*'))),
      async (h) => {
        const { arn } = await createManaged(h, 'b', doc(allowStmt('iam:GetUser')));
        await setBoundary(h, 'alice', arn);
      },
    ],
    [
      'boundary cleared',
      async (h) => {
        const { arn } = await createManaged(h, 'b', doc(allowStmt('iam:ListUsers')));
        await putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:*')));
        await setBoundary(h, 'alice', arn);
      },
      async (h) => {
        // Cleared, then the user's own policy narrowed in the same breath: only the boundary change
        // is under test, so narrow first and check the boundary's removal re-allows nothing else.
        await putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:GetUser')));
        await setBoundary(h, 'alice', null);
      },
    ],
    [
      'principal tag changed',
      async (h) => {
        await setUserTags(h, 'alice', { team: 'blue' });
        const cond = { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } };
        await putUserPolicy(h, 'alice', 'p', doc(allowStmt('iam:ListUsers', '*', cond)));
      },
      (h) => setUserTags(h, 'alice', { team: 'red' }),
    ],
  ];
  for (const [name, before, change] of changes) {
    test(`visible on the next request: ${name}`, () =>
      withHarness(async (h) => {
        const caller = await alice(h);
        await before(h);
        const was = await allowedTo(h, iam.ListUsers, {}, caller);
        await allowedTo(h, iam.ListUsers, {}, caller); // warm
        await change(h);
        assert.notEqual(await allowedTo(h, iam.ListUsers, {}, caller), was);
      }));
  }

  test('a rolled-back change leaves the cache valid (the epoch never moved)', () =>
    withHarness(async (h) => {
      const caller = await alice(h);
      await allowedTo(h, iam.ListUsers, {}, caller);
      const misses = h.authorizer.stats.misses;
      const user = await h.store.transaction((tx) => tx.users.getByName('alice'));
      await assert.rejects(
        h.store.transaction(async (tx) => {
          await tx.inlinePolicies.put(
            { type: 'user', id: user?.userId ?? '' },
            { policyName: 'x', document: doc(allowStmt('*')) },
          );
          throw new Error('rollback');
        }),
      );
      assert.equal(await allowedTo(h, iam.ListUsers, {}, caller), false);
      assert.equal(h.authorizer.stats.misses, misses);
    }));

  test('a shared group policy or managed policy compiles once for all members', () =>
    withHarness(async (h) => {
      const policies = new PolicyCache();
      const authorizer = new Authorizer({ awsManaged: catalogDocuments, policyCache: policies });
      await h.call(iam.CreateGroup, { GroupName: 'devs' });
      await putGroupPolicy(h, 'devs', 'shared', doc(allowStmt('iam:List*')));
      await attach(h, 'group', 'devs', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
      const ids: string[] = [];
      for (const name of ['u1', 'u2', 'u3', 'u4']) {
        await h.call(iam.CreateUser, { UserName: name });
        await addToGroup(h, 'devs', name);
        ids.push((await h.userCaller(name)).kind === 'user' ? name : '');
      }
      await h.store.transaction(async (tx) => {
        for (const name of ids) {
          const user = await tx.users.getByName(name);
          assert.ok(await authorizer.user(tx, user?.userId ?? ''));
        }
      });
      assert.equal(policies.size.policies, 2, 'the group policy and the AWS managed one');
      assert.equal(authorizer.size, 4);
    }));

  test('bounded: the least recently used principal goes first', () =>
    withHarness(async (h) => {
      const authorizer = new Authorizer({ awsManaged: catalogDocuments, maxPrincipals: 2 });
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c']) {
        await h.call(iam.CreateUser, { UserName: name });
        const caller = await h.userCaller(name);
        if (caller.kind === 'user') ids.push(caller.userId);
      }
      const [a, b, c] = ids as [string, string, string];
      await h.store.transaction(async (tx) => {
        await authorizer.user(tx, a);
        await authorizer.user(tx, b);
        await authorizer.user(tx, a); // a is now the most recent
        await authorizer.user(tx, c); // evicts b
        assert.equal(authorizer.size, 2);
        const misses = authorizer.stats.misses;
        await authorizer.user(tx, a);
        assert.equal(authorizer.stats.misses, misses, 'a stayed');
        await authorizer.user(tx, b);
        assert.equal(authorizer.stats.misses, misses + 1, 'b was evicted');
      });
    }));

  test('a deleted user has no policies', () =>
    withHarness(async (h) => {
      const caller = await alice(h);
      await putUserPolicy(h, 'alice', 'p', doc(allowStmt('*')));
      assert.equal(await allowedTo(h, iam.ListUsers, {}, caller), true);
      await deleteUserPolicy(h, 'alice', 'p');
      await h.call(iam.DeleteUser, { UserName: 'alice' });
      assert.equal(await allowedTo(h, iam.ListUsers, {}, caller), false);
    }));
});

test('every AWS managed policy of the catalog compiles (the authorizer fails closed on one that would not)', () => {
  const authorizer = new Authorizer({ awsManaged: catalogDocuments });
  const identity = AWS_MANAGED.all().map((info) => {
    const arn = `arn:aws:iam::aws:${info.resource}`;
    const document = catalogDocuments(arn);
    assert.ok(document !== undefined, arn);
    return { key: arn, sourceId: info.policyName, type: 'aws-managed' as const, document };
  });
  assert.ok(identity.length > 1000);
  const compiled = authorizer.compile({ identity, tags: [] });
  assert.equal(compiled.sources.size, identity.length);
});

describe('two Warden processes on one database', () => {
  async function withTwoStores(fn: (a: Store, b: Store) => Promise<void>) {
    const dir = mkdtempSync(join(tmpdir(), 'warden-authz-'));
    const path = join(dir, 'warden.db');
    // One process here, so no group commit: a batch held open by one store would block the other
    // store's synchronous busy wait, which in two real processes would simply wait its turn.
    const a = await openSqliteStore({ path, groupCommit: false });
    const b = await openSqliteStore({ path, groupCommit: false });
    try {
      await fn(a, b);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("a change written by one process is seen by the other's cache on its next request", () =>
    withTwoStores(async (a, b) => {
      const authorizerA = new Authorizer({ awsManaged: catalogDocuments });
      const userId = 'AIDATESTTESTTESTTEST1';
      await a.transaction(async (tx) => {
        await tx.users.insert({ userId, userName: 'alice', path: '/', createDate: new Date(), tags: [] });
      });
      const statements = () =>
        a.transaction(async (tx) => (await authorizerA.user(tx, userId))?.sources.size);
      assert.equal(await statements(), 0);
      assert.equal(await statements(), 0);
      const misses = authorizerA.stats.misses;
      await b.transaction((tx) =>
        tx.inlinePolicies.put(
          { type: 'user', id: userId },
          { policyName: 'p', document: doc(allowStmt('*')) },
        ),
      );
      assert.equal(await statements(), 1);
      assert.equal(authorizerA.stats.misses, misses + 1);
    }));
});
