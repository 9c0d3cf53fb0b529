/**
 * `npm run bench:authz`: what authorizing one request costs an IAM user with a realistic set of
 * policies (3 inline, 2 AWS managed and 1 customer managed attached, 2 groups with 2 policies each,
 * a customer managed boundary), on the real SQLite store, inside one transaction per request as
 * the server runs it. Prints the median per-request time of:
 *  - an empty transaction (the floor every request pays anyway);
 *  - authorization with a warm cache (one epoch read, resource and condition-key lookups, evaluate);
 *  - after a change (the principal's entry rebuilt: authorizationFacts + merge; documents still
 *    compiled, as after any write in the account);
 *  - cold (a fresh authorizer: every document compiled too).
 */
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import * as iam from '../src/iam/actions/index.ts';
import { Authorizer, authorizeAction, catalogDocuments, decideFor } from '../src/iam/authz/index.ts';
import type { ActionDefinition, Caller } from '../src/iam/action.ts';
import { openHarness, type Harness } from '../src/iam/testing/harness.ts';
import {
  addToGroup,
  allowStmt,
  attach,
  createManaged,
  denyStmt,
  doc,
  putGroupPolicy,
  putUserPolicy,
  setBoundary,
  setUserTags,
} from '../src/iam/authz/test-kit.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 2000);

async function world(h: Harness): Promise<Caller> {
  for (const UserName of ['alice', 'bob']) await h.call(iam.CreateUser, { UserName });
  await setUserTags(h, 'alice', { team: 'blue' });
  await setUserTags(h, 'bob', { team: 'blue' });
  await putUserPolicy(
    h,
    'alice',
    'keys',
    doc(allowStmt('iam:*AccessKey*', 'arn:aws:iam::*:user/${aws:username}')),
  );
  await putUserPolicy(
    h,
    'alice',
    'abac',
    doc(
      allowStmt('iam:GetUser', '*', {
        Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      }),
    ),
  );
  await putUserPolicy(h, 'alice', 'no-delete', doc(denyStmt('iam:Delete*', 'arn:aws:iam::*:user/admin*')));
  await attach(h, 'user', 'alice', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
  await attach(h, 'user', 'alice', 'arn:aws:iam::aws:policy/PowerUserAccess');
  const { arn } = await createManaged(
    h,
    'ops',
    doc(allowStmt(['iam:List*', 'iam:Get*']), denyStmt('iam:CreateUser')),
  );
  await attach(h, 'user', 'alice', arn);
  for (const GroupName of ['devs', 'ops']) {
    await h.call(iam.CreateGroup, { GroupName });
    await addToGroup(h, GroupName, 'alice');
    await putGroupPolicy(h, GroupName, 'a', doc(allowStmt('iam:ListGroups')));
    await putGroupPolicy(
      h,
      GroupName,
      'b',
      doc(allowStmt('iam:GetGroup', `arn:aws:iam::*:group/${GroupName}`)),
    );
  }
  const boundary = await createManaged(h, 'boundary', doc(allowStmt(['iam:*', 's3:*', 'ec2:*'])));
  await setBoundary(h, 'alice', boundary.arn);
  return h.userCaller('alice');
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function time(rounds: number, fn: () => Promise<void>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const h = await openHarness(openSqliteStore);
  try {
    const alice = await world(h);
    const action = iam.GetUser as ActionDefinition<{ UserName?: string }, unknown>;
    const authorize = (authorizer: Authorizer) =>
      h.store.transaction((tx) =>
        authorizeAction(action, { UserName: 'bob' }, { ...h.context(tx, alice), authorizer }),
      );
    const warm = new Authorizer({ awsManaged: catalogDocuments });
    await authorize(warm);
    for (let i = 0; i < 200; i++) await authorize(warm);
    const empty = await time(ROUNDS, () => h.store.transaction(() => Promise.resolve()));
    const epoch = await time(ROUNDS, () => h.store.transaction(async (tx) => void (await tx.authzEpoch())));
    const lookup = await time(ROUNDS, () =>
      h.store.transaction(async (tx) => void (await tx.users.getByName('bob'))),
    );
    const hot = await time(ROUNDS, () => authorize(warm));
    // The decision alone (cached policies + evaluate), without the action's resource and key lookups.
    const decideOnly = await time(ROUNDS, () =>
      h.store.transaction(async (tx) => {
        const decide = decideFor({ ...h.context(tx, alice), authorizer: warm });
        await decide({
          caller: alice,
          permission: 'iam:GetUser',
          resource: 'arn:aws:iam::123456789012:user/bob',
        });
      }),
    );
    const rebuilt = await time(ROUNDS / 4, async () => {
      warm.clear();
      await authorize(warm);
    });
    const cold = await time(ROUNDS / 20, () => authorize(new Authorizer({ awsManaged: catalogDocuments })));
    const fmt = (us: number) => `${us.toFixed(1).padStart(8)} µs`;
    console.log(
      `authorization of iam:GetUser for a user with 12 policies + a boundary (median of ${ROUNDS})`,
    );
    console.log(`  empty transaction            ${fmt(empty)}`);
    console.log(`  tx + the epoch read          ${fmt(epoch)}`);
    console.log(`  tx + one user lookup         ${fmt(lookup)}`);
    console.log(`  warm cache (whole tx)        ${fmt(hot)}   authorization alone ≈ ${fmt(hot - empty)}`);
    console.log(`  tx + decision only (no lookups) ${fmt(decideOnly)}`);
    console.log(`  entry rebuilt after a change ${fmt(rebuilt)}`);
    console.log(`  cold (every document compiled) ${fmt(cold)}`);
    console.log(`  cache: ${warm.stats.hits} hits, ${warm.stats.misses} misses`);
  } finally {
    await h.close();
  }
}

await main();
