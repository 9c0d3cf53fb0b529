/**
 * Roles and temporary credentials through the real AWS SDK against a real `warden serve` (issue 5,
 * "STS"): assume a role and act with it, session policies, ExternalId, chaining, tokens, deletion,
 * a restart, GetSessionToken. Expiry by the clock is tested at harness level (src/sts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  ListGroupsCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  DecodeAuthorizationMessageCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  type AssumeRoleCommandInput,
} from '@aws-sdk/client-sts';
import {
  iamClient,
  startWarden,
  stsClient,
  tempDataDir,
  type Credentials,
  type RunningWarden,
} from './harness.ts';
import { ACCOUNT_ID, expectError, userWithKey } from './sdk-kit.ts';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/ops/deploy`;
const ALICE_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/alice`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/build`;

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trust = (principal: object, extra: object = {}) =>
  doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

let warden: RunningWarden;
const data = tempDataDir();
let alice: Credentials;

async function assume(
  input: Partial<AssumeRoleCommandInput> = {},
  as: Credentials = alice,
): Promise<Credentials> {
  const sts = stsClient(warden.endpoint, as);
  try {
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'build', ...input }),
    );
    const c = out.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

async function withIam<T>(
  credentials: Credentials,
  fn: (iam: ReturnType<typeof iamClient>) => Promise<T>,
): Promise<T> {
  const client = iamClient(warden.endpoint, credentials);
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

async function callerOf(credentials: Credentials) {
  const sts = stsClient(warden.endpoint, credentials);
  try {
    return await sts.send(new GetCallerIdentityCommand({}));
  } finally {
    sts.destroy();
  }
}

const root = () => iamClient(warden.endpoint);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

before(async () => {
  warden = await startWarden({ dataDir: data.dir });
  const iam = root();
  alice = (await userWithKey(iam, 'alice')).credentials;
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'deploy',
      Path: '/ops/',
      AssumeRolePolicyDocument: trust({ AWS: ALICE_ARN }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'deploy',
      PolicyName: 'read',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }),
    }),
  );
  iam.destroy();
});
after(async () => {
  await warden.stop();
  data.remove();
});

describe('AssumeRole through the SDK', () => {
  it('gives ASIA credentials that act as the role; GetCallerIdentity names the session', async () => {
    const sts = stsClient(warden.endpoint, alice);
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'build' }));
    sts.destroy();
    assert.match(out.Credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
    assert.ok(out.Credentials?.Expiration instanceof Date);
    assert.equal(out.AssumedRoleUser?.Arn, SESSION_ARN);
    assert.match(out.AssumedRoleUser?.AssumedRoleId ?? '', /^AROA[A-Z2-7]{17}:build$/);
    const session = await assume();
    const me = await callerOf(session);
    assert.equal(me.Arn, SESSION_ARN);
    assert.equal(me.UserId, out.AssumedRoleUser?.AssumedRoleId);
    assert.equal(me.Account, ACCOUNT_ID);
    const users = await withIam(session, (iam) => iam.send(new ListUsersCommand({})));
    assert.ok(users.Users?.some((u) => u.UserName === 'alice'));
    const denial = `User: ${SESSION_ARN} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT_ID}:user/mallory because no identity-based policy allows the iam:CreateUser action`;
    const message = await withIam(session, (iam) =>
      iam.send(new CreateUserCommand({ UserName: 'mallory' })),
    ).then(
      () => assert.fail('CreateUser should be denied'),
      (error: unknown) => (error as Error).message,
    );
    const encoded = new RegExp(
      `^${escape(denial)}\\. Encoded authorization failure message: ([\\w.-]+)$`,
    ).exec(message);
    assert.ok(encoded?.[1] !== undefined, message);
    const rootSts = stsClient(warden.endpoint);
    const decoded = await rootSts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded[1] }));
    rootSts.destroy();
    const details = JSON.parse(decoded.DecodedMessage ?? '{}') as {
      allowed: boolean;
      context: { principal: { arn: string }; action: string; resource: string };
    };
    assert.equal(details.allowed, false);
    assert.deepEqual(details.context.principal.arn, SESSION_ARN);
    assert.equal(details.context.action, 'iam:CreateUser');
    assert.equal(details.context.resource, `arn:aws:iam::${ACCOUNT_ID}:user/mallory`);
    // Decoding needs sts:DecodeAuthorizationMessage, which the session does not have.
    const own = stsClient(warden.endpoint, session);
    await expectError(own.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded[1] })), {
      name: 'AccessDenied',
      status: 403,
      message: /not authorized to perform: sts:DecodeAuthorizationMessage/,
    });
    own.destroy();
    // The role's last use is recorded when a session is used.
    const iam = root();
    const role = await iam.send(new GetRoleCommand({ RoleName: 'deploy' }));
    iam.destroy();
    assert.ok(role.Role?.RoleLastUsed?.LastUsedDate instanceof Date);
    assert.equal(role.Role?.RoleLastUsed?.Region, 'us-east-1');
  });

  it('a session policy narrows the session', async () => {
    const session = await assume({
      Policy: doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }),
    });
    await withIam(session, (iam) => iam.send(new ListUsersCommand({})));
    await expectError(
      withIam(session, (iam) => iam.send(new ListGroupsCommand({}))),
      {
        name: 'AccessDenied',
        status: 403,
        message:
          /because no session policy allows the iam:ListGroups action\. Encoded authorization failure message: [\w.-]+$/,
      },
    );
  });

  it('the root may not assume a role; an unnamed user may not either', async () => {
    await expectError(
      (async () => {
        const sts = stsClient(warden.endpoint);
        try {
          await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'root' }));
        } finally {
          sts.destroy();
        }
      })(),
      { name: 'AccessDenied', status: 403, message: 'Roles may not be assumed by root accounts.' },
    );
    const iam = root();
    const bob = (await userWithKey(iam, 'bob')).credentials;
    iam.destroy();
    await expectError(assume({}, bob), {
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/bob is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN} because no role trust policy allows the sts:AssumeRole action`,
    });
  });

  it('ExternalId is required when the trust policy says so; chaining is capped at an hour', async () => {
    const iam = root();
    const selfArn = ROLE_ARN;
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'deploy',
        PolicyDocument: doc(
          {
            Effect: 'Allow',
            Principal: { AWS: ALICE_ARN },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'ext-1234' } },
          },
          { Effect: 'Allow', Principal: { AWS: selfArn }, Action: 'sts:AssumeRole' },
        ),
      }),
    );
    await expectError(assume(), {
      name: 'AccessDenied',
      status: 403,
      message: /no role trust policy allows/,
    });
    await expectError(assume({ ExternalId: 'ext-0000' }), { name: 'AccessDenied', status: 403 });
    const session = await assume({ ExternalId: 'ext-1234' });
    await expectError(assume({ DurationSeconds: 7200 }, session), {
      name: 'ValidationError',
      status: 400,
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    const chained = await assume({ RoleSessionName: 'chained' }, session);
    assert.equal((await callerOf(chained)).Arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/chained`);
    await iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'deploy', PolicyDocument: trust({ AWS: ALICE_ARN }) }),
    );
    iam.destroy();
  });

  it('a missing or wrong session token is refused', async () => {
    const session = await assume();
    const invalid = {
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    };
    const { sessionToken: _token, ...noToken } = session;
    await expectError(callerOf(noToken), invalid);
    await expectError(callerOf({ ...session, sessionToken: `${session.sessionToken ?? ''}A` }), invalid);
    const other = await assume({ RoleSessionName: 'other' });
    await expectError(callerOf({ ...session, sessionToken: other.sessionToken ?? '' }), invalid);
    // A long-term key with a token is no session.
    await expectError(callerOf({ ...alice, sessionToken: session.sessionToken ?? '' }), invalid);
  });

  it('sessions survive a restart', async () => {
    const session = await assume({ RoleSessionName: 'before-restart' });
    await warden.stop();
    warden = await startWarden({ dataDir: data.dir });
    assert.equal(
      (await callerOf(session)).Arn,
      `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/before-restart`,
    );
    await withIam(session, (iam) => iam.send(new ListUsersCommand({})));
  });

  it('GetSessionToken: the same user, no IAM without MFA, not from a session', async () => {
    const sts = stsClient(warden.endpoint, alice);
    const out = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    sts.destroy();
    const c = out.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
    const session = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
    assert.match(session.accessKeyId, /^ASIA/);
    assert.equal((await callerOf(session)).Arn, ALICE_ARN);
    const iam = root();
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'all-iam',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
      }),
    );
    iam.destroy();
    await withIam(alice, (client) => client.send(new ListUsersCommand({})));
    await expectError(
      withIam(session, (client) => client.send(new ListUsersCommand({}))),
      { name: 'InvalidClientTokenId', status: 403 },
    );
    const again = stsClient(warden.endpoint, session);
    await expectError(again.send(new GetSessionTokenCommand({})), {
      name: 'AccessDenied',
      status: 403,
      message: 'Cannot call GetSessionToken with session credentials',
    });
    again.destroy();
  });

  it('deleting the role ends its sessions on their next call', async () => {
    const session = await assume({ RoleSessionName: 'doomed' });
    await withIam(session, (iam) => iam.send(new ListUsersCommand({})));
    const iam = root();
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'deploy', PolicyName: 'read' }));
    await expectError(
      withIam(session, (client) => client.send(new ListUsersCommand({}))),
      { name: 'AccessDenied', status: 403, message: /no identity-based policy allows/ },
    );
    await iam.send(new DeleteRoleCommand({ RoleName: 'deploy' }));
    iam.destroy();
    await expectError(callerOf(session), { name: 'InvalidClientTokenId', status: 403 });
  });
});
