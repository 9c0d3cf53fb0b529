/**
 * Several accounts in one Warden through the real AWS SDK (issue 5, "Several accounts"): an
 * account made through the admin API, cross-account AssumeRole both ways with the trust policy AND
 * the caller's own policy required, an explicit deny on either side winning, keys that act only in
 * their own account, aliases unique across accounts, and all of it kept across a restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccountAliasCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { adminRequest } from './admin-client.ts';
import {
  ACCOUNT_ID,
  createAccount,
  iamClient,
  ROOT,
  startWarden,
  stsClient,
  tempDataDir,
  type CreatedAccount,
  type Credentials,
  type RunningWarden,
} from './harness.ts';
import { expectError, userWithKey } from './sdk-kit.ts';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string, resource: string) => ({ Effect: 'Allow', Action: action, Resource: resource });
const deny = (action: string, resource: string) => ({ Effect: 'Deny', Action: action, Resource: resource });
const trust = (...principals: object[]) =>
  doc(...principals.map((p) => ({ Effect: 'Allow', Principal: p, Action: 'sts:AssumeRole' })));

const data = tempDataDir();
let warden: RunningWarden;
let second: CreatedAccount;
let alice: Credentials; // first account, may assume the second account's role
let bob: Credentials; // first account, no sts:AssumeRole of its own
let carol: Credentials; // second account, may assume the first account's role
let sharedRole: string;
let homeRole: string;

async function withIam<T>(
  as: Credentials,
  fn: (iam: ReturnType<typeof iamClient>) => Promise<T>,
): Promise<T> {
  const iam = iamClient(warden.endpoint, as);
  try {
    return await fn(iam);
  } finally {
    iam.destroy();
  }
}

async function withSts<T>(
  as: Credentials,
  fn: (sts: ReturnType<typeof stsClient>) => Promise<T>,
): Promise<T> {
  const sts = stsClient(warden.endpoint, as);
  try {
    return await fn(sts);
  } finally {
    sts.destroy();
  }
}

const identity = (as: Credentials) => withSts(as, (sts) => sts.send(new GetCallerIdentityCommand({})));
const userNames = (as: Credentials) =>
  withIam(as, async (iam) => ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName));

async function assume(as: Credentials, roleArn: string, session = 's1'): Promise<Credentials> {
  const out = await withSts(as, (sts) =>
    sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: session })),
  );
  const c = out.Credentials;
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

const refused = (callerArn: string, roleArn: string) => ({
  name: 'AccessDenied',
  status: 403,
  message: new RegExp(
    `^User: ${callerArn.replace(/[/]/g, '\\/')} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  ),
});

before(async () => {
  warden = await startWarden({ dataDir: data.dir });
  second = await createAccount(warden.endpoint, { Alias: 'second-team' });
  sharedRole = `arn:aws:iam::${second.accountId}:role/shared`;
  homeRole = `arn:aws:iam::${ACCOUNT_ID}:role/home`;
  await withIam(ROOT, async (iam) => {
    alice = (await userWithKey(iam, 'alice')).credentials;
    bob = (await userWithKey(iam, 'bob')).credentials;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'assume',
        PolicyDocument: doc(allow('sts:AssumeRole', sharedRole)),
      }),
    );
  });
  await withIam(second.root, async (iam) => {
    carol = (await userWithKey(iam, 'carol')).credentials;
    await iam.send(new CreateUserCommand({ UserName: 'only-in-second' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'carol',
        PolicyName: 'assume',
        PolicyDocument: doc(allow('sts:AssumeRole', homeRole)),
      }),
    );
    await iam.send(
      new CreateRoleCommand({ RoleName: 'shared', AssumeRolePolicyDocument: trust({ AWS: ACCOUNT_ID }) }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'shared',
        PolicyName: 'read',
        PolicyDocument: doc(allow('iam:ListUsers', '*')),
      }),
    );
  });
  await withIam(ROOT, (iam) =>
    iam.send(
      new CreateRoleCommand({
        RoleName: 'home',
        AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${second.accountId}:user/carol` }),
      }),
    ),
  );
});
after(async () => {
  await warden.stop();
  data.remove();
});

describe('a second account', () => {
  it('is made through the admin API with a root key that acts in it and names it', async () => {
    assert.match(second.accountId, /^\d{12}$/);
    assert.notEqual(second.accountId, ACCOUNT_ID);
    assert.equal(second.alias, 'second-team');
    const who = await identity(second.root);
    assert.equal(who.Account, second.accountId);
    assert.equal(who.Arn, `arn:aws:iam::${second.accountId}:root`);
    const info = await withSts(ROOT, (sts) =>
      sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: second.root.accessKeyId })),
    );
    assert.equal(info.Account, second.accountId);
  });

  it("keeps each account's keys and entities to itself", async () => {
    assert.deepEqual((await userNames(ROOT)).sort(), ['alice', 'bob']);
    assert.deepEqual((await userNames(second.root)).sort(), ['carol', 'only-in-second']);
    assert.equal((await identity(carol)).Account, second.accountId);
    assert.equal((await identity(alice)).Account, ACCOUNT_ID);
    // Names resolve in the caller's own account only, even for its root.
    await expectError(
      withIam(second.root, (iam) => iam.send(new GetUserCommand({ UserName: 'alice' }))),
      { name: 'NoSuchEntityException', status: 404, message: 'The user with name alice cannot be found.' },
    );
  });

  it('has an alias no other account can take, and only the first account creates accounts', async () => {
    await expectError(
      withIam(ROOT, (iam) => iam.send(new CreateAccountAliasCommand({ AccountAlias: 'second-team' }))),
      { name: 'EntityAlreadyExistsException', status: 409 },
    );
    const again = await adminRequest(warden.endpoint, ROOT, 'POST', '/admin/v1/accounts', {
      Alias: 'second-team',
    });
    assert.equal(again.status, 409);
    const taken = await adminRequest(warden.endpoint, ROOT, 'POST', '/admin/v1/accounts', {
      AccountId: second.accountId,
    });
    assert.deepEqual(
      [taken.status, (taken.body.Error as { Code: string }).Code],
      [409, 'EntityAlreadyExists'],
    );
    for (const caller of [second.root, alice]) {
      for (const method of ['POST', 'GET']) {
        const body = method === 'POST' ? {} : undefined;
        const denied = await adminRequest(warden.endpoint, caller, method, '/admin/v1/accounts', body);
        assert.deepEqual(
          [denied.status, (denied.body.Error as { Code: string }).Code],
          [403, 'AccessDenied'],
        );
      }
    }
  });

  it('is listed, after the first account, to the first account', async () => {
    const listed = await adminRequest(warden.endpoint, ROOT, 'GET', '/admin/v1/accounts');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.Accounts, [
      { AccountId: ACCOUNT_ID },
      { AccountId: second.accountId, Alias: 'second-team' },
    ]);
  });
});

describe('cross-account AssumeRole', () => {
  it("works when the role's trust names the caller's account and the caller's own policy allows it", async () => {
    const session = await assume(alice, sharedRole, 'from-first');
    const who = await identity(session);
    assert.equal(who.Account, second.accountId);
    assert.equal(who.Arn, `arn:aws:sts::${second.accountId}:assumed-role/shared/from-first`);
    // The session acts in the second account, with the role's policies.
    assert.deepEqual((await userNames(session)).sort(), ['carol', 'only-in-second']);
    const info = await withSts(ROOT, (sts) =>
      sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: session.accessKeyId })),
    );
    assert.equal(info.Account, second.accountId);
  });

  it("is refused without the caller's own permission, though the trust allows its account", async () => {
    await expectError(assume(bob, sharedRole), refused(`arn:aws:iam::${ACCOUNT_ID}:user/bob`, sharedRole));
  });

  it("is refused by an explicit deny in the caller's account", async () => {
    await withIam(ROOT, (iam) =>
      iam.send(
        new PutUserPolicyCommand({
          UserName: 'alice',
          PolicyName: 'no-cross',
          PolicyDocument: doc(deny('sts:AssumeRole', '*')),
        }),
      ),
    );
    try {
      await expectError(
        assume(alice, sharedRole),
        refused(`arn:aws:iam::${ACCOUNT_ID}:user/alice`, sharedRole),
      );
    } finally {
      await withIam(ROOT, (iam) =>
        iam.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'no-cross' })),
      );
    }
    await assume(alice, sharedRole);
  });

  it("is refused by an explicit deny in the role's trust policy", async () => {
    const aliceArn = `arn:aws:iam::${ACCOUNT_ID}:user/alice`;
    const denying = doc(
      { Effect: 'Allow', Principal: { AWS: ACCOUNT_ID }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: aliceArn }, Action: 'sts:AssumeRole' },
    );
    const setTrust = (text: string) =>
      withIam(second.root, (iam) =>
        iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'shared', PolicyDocument: text })),
      );
    await setTrust(denying);
    try {
      await expectError(assume(alice, sharedRole), refused(aliceArn, sharedRole));
    } finally {
      await setTrust(trust({ AWS: ACCOUNT_ID }));
    }
  });

  it('is refused when the trust does not name the caller, whatever its own policy allows', async () => {
    const other = `arn:aws:iam::${second.accountId}:role/private`;
    await withIam(second.root, (iam) =>
      iam.send(
        new CreateRoleCommand({
          RoleName: 'private',
          AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${second.accountId}:root` }),
        }),
      ),
    );
    await withIam(ROOT, (iam) =>
      iam.send(
        new PutUserPolicyCommand({
          UserName: 'bob',
          PolicyName: 'any',
          PolicyDocument: doc(allow('sts:AssumeRole', '*')),
        }),
      ),
    );
    await expectError(assume(bob, other), refused(`arn:aws:iam::${ACCOUNT_ID}:user/bob`, other));
    // A role in an account this Warden does not serve does not exist: the same answer.
    const nowhere = 'arn:aws:iam::999999999999:role/shared';
    await expectError(assume(bob, nowhere), refused(`arn:aws:iam::${ACCOUNT_ID}:user/bob`, nowhere));
  });

  it('works the other way, for a user of the second account named in a role of the first', async () => {
    const session = await assume(carol, homeRole, 'from-second');
    const who = await identity(session);
    assert.equal(who.Account, ACCOUNT_ID);
    assert.equal(who.Arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/home/from-second`);
  });

  it('both directions at once never wait for each other (the two sides run one after the other)', async () => {
    const crossings = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? assume(alice, sharedRole, `a${i}`) : assume(carol, homeRole, `c${i}`),
    );
    const sessions = await Promise.all(crossings);
    const accounts = await Promise.all(sessions.slice(0, 2).map(async (c) => (await identity(c)).Account));
    assert.deepEqual(accounts, [second.accountId, ACCOUNT_ID]);
  });

  it("validates principals of the other accounts served here: they must exist; any account's root is fine", async () => {
    await expectError(
      withIam(ROOT, (iam) =>
        iam.send(
          new CreateRoleCommand({
            RoleName: 'ghostly',
            AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${second.accountId}:user/ghost` }),
          }),
        ),
      ),
      {
        name: 'MalformedPolicyDocumentException',
        status: 400,
        message: `Invalid principal in policy: "AWS":"arn:aws:iam::${second.accountId}:user/ghost"`,
      },
    );
    await withIam(ROOT, (iam) =>
      iam.send(
        new CreateRoleCommand({
          RoleName: 'roots',
          AssumeRolePolicyDocument: trust({
            AWS: [`arn:aws:iam::${second.accountId}:root`, 'arn:aws:iam::444455556666:root', '444455556666'],
          }),
        }),
      ),
    );
  });
});

describe('a trust policy naming a user of another account served here', () => {
  const forDave = `arn:aws:iam::${ACCOUNT_ID}:role/for-dave`;
  const daveArn = () => `arn:aws:iam::${second.accountId}:user/dave`;

  async function makeDave(): Promise<{ credentials: Credentials; userId: string }> {
    return withIam(second.root, async (iam) => {
      const { user, credentials } = await userWithKey(iam, 'dave');
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'dave',
          PolicyName: 'assume',
          PolicyDocument: doc(allow('sts:AssumeRole', forDave)),
        }),
      );
      return { credentials, userId: user.UserId ?? '' };
    });
  }

  const shownTrust = () =>
    withIam(ROOT, async (iam) => {
      const role = await iam.send(new GetRoleCommand({ RoleName: 'for-dave' }));
      return JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '')) as unknown;
    });

  it('keeps it by id: once deleted and created again, the user is no longer trusted', async () => {
    const first = await makeDave();
    await withIam(ROOT, (iam) =>
      iam.send(
        new CreateRoleCommand({ RoleName: 'for-dave', AssumeRolePolicyDocument: trust({ AWS: daveArn() }) }),
      ),
    );
    await assume(first.credentials, forDave, 'dave-1');
    assert.deepEqual(await shownTrust(), JSON.parse(trust({ AWS: daveArn() })), 'shown with the ARN');

    await withIam(second.root, async (iam) => {
      await iam.send(
        new DeleteAccessKeyCommand({ UserName: 'dave', AccessKeyId: first.credentials.accessKeyId }),
      );
      await iam.send(new DeleteUserPolicyCommand({ UserName: 'dave', PolicyName: 'assume' }));
      await iam.send(new DeleteUserCommand({ UserName: 'dave' }));
    });
    const again = await makeDave();
    assert.notEqual(again.userId, first.userId);
    assert.deepEqual(await shownTrust(), JSON.parse(trust({ AWS: first.userId })), 'the old id, bare');
    await expectError(assume(again.credentials, forDave, 'dave-2'), refused(daveArn(), forDave));
  });
});

describe('after a restart', () => {
  it('every account, key, role and trust is still there', async () => {
    await warden.stop();
    warden = await startWarden({ dataDir: data.dir });
    assert.equal((await identity(second.root)).Account, second.accountId);
    assert.equal((await identity(carol)).Account, second.accountId);
    const session = await assume(alice, sharedRole, 'after-restart');
    assert.equal((await identity(session)).Account, second.accountId);
    assert.deepEqual((await userNames(second.root)).sort(), ['carol', 'dave', 'only-in-second']);
  });
});
