/**
 * Who may do what, for now (issue 2): an IAM user with a key but no policies is denied every IAM
 * action with AWS's AccessDenied text naming its ARN, the action and the resource, and nothing
 * changes; GetCallerIdentity is always allowed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetGroupCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAccountAliasesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListUsersCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
  type IAMClient,
  type User,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { iamClient, stsClient, type Credentials } from './harness.ts';
import {
  ACCOUNT_ID,
  deniedText,
  expectError,
  groupArn,
  iamClientIn,
  startSuite,
  stopSuite,
  userArn,
  userWithKey,
  type Suite,
} from './sdk-kit.ts';

describe('an IAM user without policies, through the AWS SDK', () => {
  let suite: Suite | undefined;
  let caller: { user: User; credentials: Credentials } | undefined;
  let client: IAMClient | undefined;
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };
  const me = (): { arn: string; iam: IAMClient; credentials: Credentials } => {
    assert.ok(caller !== undefined && client !== undefined, 'caller created');
    return { arn: caller.user.Arn ?? '', iam: client, credentials: caller.credentials };
  };

  before(async () => {
    suite = await startSuite();
    caller = await userWithKey(suite.iam, 'mallory', '/staff/');
    client = iamClient(suite.warden.endpoint, caller.credentials);
    await suite.iam.send(new CreateUserCommand({ UserName: 'target', Path: '/t/' }));
    await suite.iam.send(new CreateGroupCommand({ GroupName: 'targets', Path: '/g/' }));
    // Being in a group gives nothing either: groups have no policies yet.
    await suite.iam.send(new CreateGroupCommand({ GroupName: 'staff' }));
    await suite.iam.send(new AddUserToGroupCommand({ GroupName: 'staff', UserName: 'mallory' }));
  });
  after(async () => {
    client?.destroy();
    await stopSuite(suite);
  });

  it('may call GetCallerIdentity', async () => {
    const sts = stsClient(s().warden.endpoint, me().credentials);
    try {
      const out = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(out.Arn, userArn('mallory', '/staff/'));
    } finally {
      sts.destroy();
    }
  });

  describe('is denied', () => {
    /** [action, call, resource ARN AWS names in the message] */
    const cases: [string, (iam: IAMClient) => Promise<unknown>, string][] = [
      ['iam:ListUsers', (iam) => iam.send(new ListUsersCommand({})), userArn('')],
      ['iam:ListUsers', (iam) => iam.send(new ListUsersCommand({ PathPrefix: '/t/' })), userArn('', '/t/')],
      [
        'iam:CreateUser',
        (iam) => iam.send(new CreateUserCommand({ UserName: 'sneaky', Path: '/x/' })),
        userArn('sneaky', '/x/'),
      ],
      [
        'iam:GetUser',
        (iam) => iam.send(new GetUserCommand({ UserName: 'target' })),
        userArn('target', '/t/'),
      ],
      [
        'iam:DeleteUser',
        (iam) => iam.send(new DeleteUserCommand({ UserName: 'target' })),
        userArn('target', '/t/'),
      ],
      [
        'iam:TagUser',
        (iam) => iam.send(new TagUserCommand({ UserName: 'target', Tags: [{ Key: 'owned', Value: 'yes' }] })),
        userArn('target', '/t/'),
      ],
      [
        'iam:CreateAccessKey',
        (iam) => iam.send(new CreateAccessKeyCommand({ UserName: 'target' })),
        userArn('target', '/t/'),
      ],
      [
        'iam:CreateLoginProfile',
        (iam) => iam.send(new CreateLoginProfileCommand({ UserName: 'target', Password: 'Sup3r-Secret-pw' })),
        userArn('target', '/t/'),
      ],
      [
        'iam:ListGroupsForUser',
        (iam) => iam.send(new ListGroupsForUserCommand({ UserName: 'target' })),
        userArn('target', '/t/'),
      ],
      ['iam:CreateGroup', (iam) => iam.send(new CreateGroupCommand({ GroupName: 'mine' })), groupArn('mine')],
      [
        'iam:GetGroup',
        (iam) => iam.send(new GetGroupCommand({ GroupName: 'targets' })),
        groupArn('targets', '/g/'),
      ],
      ['iam:ListGroups', (iam) => iam.send(new ListGroupsCommand({})), groupArn('')],
      [
        'iam:AddUserToGroup',
        (iam) => iam.send(new AddUserToGroupCommand({ GroupName: 'targets', UserName: 'mallory' })),
        groupArn('targets', '/g/'),
      ],
      ['iam:GetAccountSummary', (iam) => iam.send(new GetAccountSummaryCommand({})), '*'],
      ['iam:ListAccountAliases', (iam) => iam.send(new ListAccountAliasesCommand({})), '*'],
      [
        'iam:CreateAccountAlias',
        (iam) => iam.send(new CreateAccountAliasCommand({ AccountAlias: 'mine' })),
        '*',
      ],
    ];
    for (const [action, call, resource] of cases) {
      it(`${action} on ${resource}`, async () => {
        await expectError(call(me().iam), {
          name: 'AccessDenied',
          status: 403,
          message: deniedText(me().arn, action, resource),
        });
      });
    }

    it('even on its own keys', async () => {
      const own = me().arn;
      await expectError(me().iam.send(new ListAccessKeysCommand({})), {
        name: 'AccessDenied',
        status: 403,
        message: deniedText(own, 'iam:ListAccessKeys', own),
      });
      await expectError(
        me().iam.send(
          new UpdateAccessKeyCommand({ AccessKeyId: me().credentials.accessKeyId, Status: 'Inactive' }),
        ),
        { name: 'AccessDenied', status: 403, message: deniedText(own, 'iam:UpdateAccessKey', own) },
      );
      await expectError(
        me().iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: me().credentials.accessKeyId })),
        {
          name: 'AccessDenied',
          status: 403,
          message: deniedText(own, 'iam:GetAccessKeyLastUsed', own),
        },
      );
    });

    it('with ARNs of the signing region’s partition', async () => {
      const cn = iamClientIn(s().warden.endpoint, 'cn-north-1', me().credentials);
      try {
        await expectError(cn.send(new GetUserCommand({ UserName: 'target' })), {
          name: 'AccessDenied',
          status: 403,
          message: deniedText(
            `arn:aws-cn:iam::${ACCOUNT_ID}:user/staff/mallory`,
            'iam:GetUser',
            `arn:aws-cn:iam::${ACCOUNT_ID}:user/t/target`,
          ),
        });
      } finally {
        cn.destroy();
      }
    });
  });

  it('changed nothing by the denied calls', async () => {
    const iam = s().iam;
    const target = await iam.send(new GetUserCommand({ UserName: 'target' }));
    assert.equal(target.User?.Tags, undefined);
    assert.deepEqual(
      (await iam.send(new ListAccessKeysCommand({ UserName: 'target' }))).AccessKeyMetadata,
      [],
    );
    await expectError(iam.send(new GetUserCommand({ UserName: 'sneaky' })), {
      name: 'NoSuchEntityException',
      status: 404,
    });
    await expectError(iam.send(new GetGroupCommand({ GroupName: 'mine' })), {
      name: 'NoSuchEntityException',
      status: 404,
    });
    assert.deepEqual((await iam.send(new GetGroupCommand({ GroupName: 'targets' }))).Users, []);
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'mallory' }));
    assert.equal(keys.AccessKeyMetadata?.[0]?.Status, 'Active');
  });
});
