/** Login profiles through the real AWS SDK against a real `warden serve`: issue 2, "Login profiles". */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteLoginProfileCommand,
  GetLoginProfileCommand,
  UpdateLoginProfileCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { iamClient } from './harness.ts';
import { assertRecent, expectError, recordResponses, startSuite, stopSuite, type Suite } from './sdk-kit.ts';

const PASSWORD = 'Tr0ub4dor&3-first';
const NEW_PASSWORD = 'Correct-Horse-Battery-9';

describe('login profiles through the AWS SDK', () => {
  let suite: Suite | undefined;
  /** A root client whose raw response bodies are recorded, to look for passwords in them. */
  let recorded: IAMClient | undefined;
  let bodies: string[] = [];
  const s = (): Suite => {
    assert.ok(suite !== undefined, 'server started');
    return suite;
  };
  const iam = (): IAMClient => {
    assert.ok(recorded !== undefined, 'client made');
    return recorded;
  };

  before(async () => {
    suite = await startSuite();
    recorded = iamClient(suite.warden.endpoint);
    bodies = recordResponses(recorded);
  });
  after(async () => {
    recorded?.destroy();
    await stopSuite(suite);
  });

  it('creates a profile with PasswordResetRequired and returns it without the password', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'console-user' }));
    const out = await iam().send(
      new CreateLoginProfileCommand({
        UserName: 'console-user',
        Password: PASSWORD,
        PasswordResetRequired: true,
      }),
    );
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.LoginProfile?.UserName, 'console-user');
    assert.equal(out.LoginProfile?.PasswordResetRequired, true);
    assertRecent(out.LoginProfile?.CreateDate, 'CreateDate');

    const got = await iam().send(new GetLoginProfileCommand({ UserName: 'console-user' }));
    assert.equal(got.LoginProfile?.UserName, 'console-user');
    assert.equal(got.LoginProfile?.PasswordResetRequired, true);
    assert.equal(got.LoginProfile?.CreateDate?.getTime(), out.LoginProfile?.CreateDate?.getTime());
    assert.deepEqual(Object.keys(got.LoginProfile ?? {}).sort(), [
      'CreateDate',
      'PasswordResetRequired',
      'UserName',
    ]);
  });

  it('defaults PasswordResetRequired to false', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'no-reset' }));
    const out = await iam().send(new CreateLoginProfileCommand({ UserName: 'no-reset', Password: PASSWORD }));
    assert.equal(out.LoginProfile?.PasswordResetRequired, false);
  });

  it('refuses a second profile for the same user', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'twice' }));
    await iam().send(new CreateLoginProfileCommand({ UserName: 'twice', Password: PASSWORD }));
    await expectError(
      iam().send(new CreateLoginProfileCommand({ UserName: 'twice', Password: NEW_PASSWORD })),
      {
        name: 'EntityAlreadyExistsException',
        status: 409,
        message: /twice already exists/,
      },
    );
  });

  it('refuses a password that breaks the default password policy', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'weak' }));
    await expectError(iam().send(new CreateLoginProfileCommand({ UserName: 'weak', Password: 'password' })), {
      name: 'PasswordPolicyViolationException',
      status: 400,
    });
    await expectError(iam().send(new GetLoginProfileCommand({ UserName: 'weak' })), {
      name: 'NoSuchEntityException',
      status: 404,
    });
  });

  it('answers NoSuchEntity for a user without a profile and for an unknown user', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'no-profile' }));
    await expectError(iam().send(new GetLoginProfileCommand({ UserName: 'no-profile' })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'Login Profile for User no-profile cannot be found.',
    });
    await expectError(
      iam().send(new UpdateLoginProfileCommand({ UserName: 'no-profile', Password: NEW_PASSWORD })),
      {
        name: 'NoSuchEntityException',
        status: 404,
        message: 'Login Profile for User no-profile cannot be found.',
      },
    );
    await expectError(iam().send(new DeleteLoginProfileCommand({ UserName: 'no-profile' })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'Login Profile for User no-profile cannot be found.',
    });
    await expectError(iam().send(new CreateLoginProfileCommand({ UserName: 'nobody', Password: PASSWORD })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    await expectError(iam().send(new GetLoginProfileCommand({ UserName: 'nobody' })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
  });

  it('updates the password and PasswordResetRequired', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'updater' }));
    await iam().send(
      new CreateLoginProfileCommand({ UserName: 'updater', Password: PASSWORD, PasswordResetRequired: true }),
    );
    const out = await iam().send(
      new UpdateLoginProfileCommand({
        UserName: 'updater',
        Password: NEW_PASSWORD,
        PasswordResetRequired: false,
      }),
    );
    assert.equal(out.$metadata.httpStatusCode, 200);
    const got = await iam().send(new GetLoginProfileCommand({ UserName: 'updater' }));
    assert.equal(got.LoginProfile?.PasswordResetRequired, false);

    // Either member alone is an update too.
    await iam().send(new UpdateLoginProfileCommand({ UserName: 'updater', PasswordResetRequired: true }));
    const again = await iam().send(new GetLoginProfileCommand({ UserName: 'updater' }));
    assert.equal(again.LoginProfile?.PasswordResetRequired, true);

    await expectError(iam().send(new UpdateLoginProfileCommand({ UserName: 'updater', Password: 'short' })), {
      name: 'PasswordPolicyViolationException',
      status: 400,
    });
  });

  it('deletes a profile', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'leaving' }));
    await iam().send(new CreateLoginProfileCommand({ UserName: 'leaving', Password: PASSWORD }));
    const out = await iam().send(new DeleteLoginProfileCommand({ UserName: 'leaving' }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    await expectError(iam().send(new GetLoginProfileCommand({ UserName: 'leaving' })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'Login Profile for User leaving cannot be found.',
    });
    // A new profile may be created afterwards.
    await iam().send(new CreateLoginProfileCommand({ UserName: 'leaving', Password: NEW_PASSWORD }));
  });

  it('never sends a password back, in any response or the server log', () => {
    assert.ok(bodies.length > 20, `recorded ${bodies.length} responses`);
    assert.ok(
      bodies.some((b) => b.includes('<LoginProfile>')),
      'the recording saw login profiles',
    );
    for (const body of bodies) {
      assert.ok(!body.includes(PASSWORD) && !body.includes(NEW_PASSWORD), `password in: ${body}`);
      assert.ok(!/<Password>/i.test(body), `Password element in: ${body}`);
    }
    const log = s().warden.output();
    assert.ok(!log.includes(PASSWORD) && !log.includes(NEW_PASSWORD), 'password in the server log');
  });
});
