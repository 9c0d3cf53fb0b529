/**
 * The strongest check of the wire: the real AWS SDK for JavaScript signs and serializes requests
 * against a tiny node:http server that uses only this module (verifySignature, decodeInput,
 * renderResult, renderError), and the SDK's own deserializer reads what we render.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteUserCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListUsersCommand,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { WardenError } from '../core/index.ts';
import { decodeInput, renderError, renderResult, serviceOfAction, verifySignature } from './index.ts';

const credentials = {
  accessKeyId: 'AKIAROUNDTRIP0000001',
  secretAccessKey: 'round/trip+secret/0000000000000000000000',
};
const lookup = (id: string) =>
  Promise.resolve(id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);
const POLICY =
  '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::a b+c"}]\n}';
const CREATED = new Date('2026-01-02T03:04:05.678Z');

type Handler = (input: Record<string, unknown>) => Record<string, unknown> | undefined;

/** Canned answers; some echo the decoded input so the SDK's serialization is checked too. */
const handlers: Record<string, Handler> = {
  ListUsers: (input) => ({
    Users:
      input.PathPrefix === '/none/'
        ? []
        : [
            {
              Path: '/',
              UserName: 'bob',
              UserId: 'AIDAEXAMPLEEXAMPLE01',
              Arn: 'arn:aws:iam::123456789012:user/bob',
              CreateDate: CREATED,
            },
          ],
    IsTruncated: input.MaxItems === 1,
    ...(input.MaxItems === 1 ? { Marker: 'next' } : {}),
  }),
  GetAccountSummary: () => ({ SummaryMap: { Users: 3, UsersQuota: 5000, AccountMFAEnabled: 0 } }),
  GetUserPolicy: (input) => ({
    UserName: input.UserName,
    PolicyName: input.PolicyName,
    PolicyDocument: POLICY,
  }),
  GetUser: (input) => {
    throw new WardenError('NoSuchEntity', `The user with name ${String(input.UserName)} cannot be found.`);
  },
  CreateUser: (input) => ({
    User: {
      Path: input.Path ?? '/',
      UserName: input.UserName,
      UserId: 'AIDAEXAMPLEEXAMPLE02',
      Arn: 'arn',
      CreateDate: CREATED,
      Tags: input.Tags,
    },
  }),
  DeleteUser: () => undefined,
  CreateVirtualMFADevice: (input) => ({
    VirtualMFADevice: {
      SerialNumber: `arn:aws:iam::123456789012:mfa/${String(input.VirtualMFADeviceName)}`,
      Base32StringSeed: new TextEncoder().encode('JBSWY3DPEHPK3PXP'),
    },
  }),
  SimulateCustomPolicy: (input) => ({
    EvaluationResults: (input.ActionNames as string[]).map((name) => ({
      EvalActionName: name,
      EvalResourceName: '*',
      EvalDecision: 'allowed',
      MatchedStatements: [],
      MissingContextValues: (input.ContextEntries as { ContextKeyValues: string[] }[]).flatMap(
        (e) => e.ContextKeyValues,
      ),
      EvalDecisionDetails: { 'IAM Policy': 'allowed' },
    })),
    IsTruncated: false,
  }),
  GetCallerIdentity: () => ({
    UserId: 'AIDACKCEVSQ6C2EXAMPLE',
    Account: '123456789012',
    Arn: 'arn:aws:iam::123456789012:user/Alice',
  }),
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function answer(req: IncomingMessage): Promise<{ status: number; xml: string }> {
  const body = await readBody(req);
  const [path = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
  const params = new URLSearchParams(body.toString('utf8'));
  const action = params.get('Action') ?? '';
  const service = serviceOfAction(action) ?? 'iam';
  try {
    const verified = await verifySignature(
      { method: req.method ?? 'GET', path, rawQuery, headers: req.headers, body },
      lookup,
      new Date(),
    );
    assert.equal(verified.service, service);
    const handler = handlers[action];
    if (handler === undefined) throw new WardenError('InvalidAction', `no handler for ${action}`);
    return {
      status: 200,
      xml: renderResult(service, action, handler(decodeInput(service, action, params)), 'req-ok'),
    };
  } catch (e) {
    if (!(e instanceof WardenError)) throw e;
    return {
      status: e.status,
      xml: renderError(service, { code: e.code, message: e.message, type: e.type }, 'req-err'),
    };
  }
}

let server: Server;
let endpoint: string;
let iam: IAMClient;
let sts: STSClient;

before(async () => {
  server = createServer((req, res) => {
    answer(req).then(
      ({ status, xml }) => {
        res.writeHead(status, {
          'content-type': 'text/xml',
          'x-amzn-RequestId': status === 200 ? 'req-ok' : 'req-err',
        });
        res.end(xml);
      },
      (e: unknown) => {
        res.writeHead(500).end(String(e));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  iam = new IAMClient({ endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
  sts = new STSClient({ endpoint, region: 'us-west-2', credentials, maxAttempts: 1 });
});

after(() => {
  iam.destroy();
  sts.destroy();
  server.closeAllConnections();
  server.close();
});

test('SDK parses ListUsers: members, Date, lowercase booleans, Marker', async () => {
  const page = await iam.send(new ListUsersCommand({ MaxItems: 1 }));
  assert.deepEqual(page.Users, [
    {
      Path: '/',
      UserName: 'bob',
      UserId: 'AIDAEXAMPLEEXAMPLE01',
      Arn: 'arn:aws:iam::123456789012:user/bob',
      CreateDate: CREATED,
    },
  ]);
  assert.equal(page.IsTruncated, true);
  assert.equal(page.Marker, 'next');
  assert.equal(page.$metadata.requestId, 'req-ok');
  const empty = await iam.send(new ListUsersCommand({ PathPrefix: '/none/' }));
  assert.deepEqual(empty.Users, []);
  assert.equal(empty.IsTruncated, false);
  assert.equal(empty.Marker, undefined);
});

test('SDK parses the GetAccountSummary map', async () => {
  const out = await iam.send(new GetAccountSummaryCommand({}));
  assert.deepEqual(out.SummaryMap, { Users: 3, UsersQuota: 5000, AccountMFAEnabled: 0 });
});

test('SDK reads the URL-encoded policy document back to the exact text', async () => {
  const out = await iam.send(new GetUserPolicyCommand({ UserName: 'bob', PolicyName: 'p=1' }));
  assert.equal(out.PolicyName, 'p=1');
  assert.ok(out.PolicyDocument?.includes('%20'));
  assert.equal(decodeURIComponent(out.PolicyDocument ?? ''), POLICY);
});

test('SDK maps our error XML to NoSuchEntityException with code, message, status and request id', async () => {
  await assert.rejects(iam.send(new GetUserCommand({ UserName: 'nobody' })), (e: unknown) => {
    const err = e as {
      name: string;
      message: string;
      Code?: string;
      $fault: string;
      $metadata: { httpStatusCode?: number; requestId?: string };
    };
    assert.equal(err.name, 'NoSuchEntityException');
    assert.equal(err.message, 'The user with name nobody cannot be found.');
    assert.equal(err.$fault, 'client');
    assert.equal(err.$metadata.httpStatusCode, 404);
    assert.equal(err.$metadata.requestId, 'req-err');
    return true;
  });
});

test("SDK-serialized input decodes (tags with spaces and '+'), and round-trips through the output", async () => {
  const tags = [
    { Key: 'k 1', Value: 'v 1+2=:/@' },
    { Key: 'k2', Value: '' },
  ];
  const out = await iam.send(new CreateUserCommand({ UserName: 'alice', Path: "/eng!*'()+/", Tags: tags }));
  assert.deepEqual(out.User?.Tags, tags);
  assert.equal(out.User?.Path, "/eng!*'()+/");
  assert.deepEqual((await iam.send(new CreateUserCommand({ UserName: 'carol', Tags: [] }))).User?.Tags, []);
});

test('SDK sees a ValidationError with every violation', async () => {
  await assert.rejects(
    iam.send(new CreateUserCommand({ UserName: 'x'.repeat(65), Tags: [{ Key: 'a*', Value: 'v' }] })),
    (e: unknown) => {
      const err = e as { name: string; message: string; $metadata: { httpStatusCode?: number } };
      assert.equal(err.name, 'ValidationError');
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.match(
        err.message,
        /^2 validation errors detected: Value 'x{65}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64; Value 'a\*' at 'tags.1.member.key'/,
      );
      return true;
    },
  );
});

test('SDK handles an operation without output, blobs, nested lists and enum maps', async () => {
  const deleted = await iam.send(new DeleteUserCommand({ UserName: 'bob' }));
  assert.equal(deleted.$metadata.httpStatusCode, 200);
  const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dev' }));
  assert.equal(new TextDecoder().decode(mfa.VirtualMFADevice?.Base32StringSeed), 'JBSWY3DPEHPK3PXP');
  const sim = await iam.send(
    new SimulateCustomPolicyCommand({
      PolicyInputList: [POLICY],
      ActionNames: ['s3:GetObject', 'iam:ListUsers'],
      ContextEntries: [
        { ContextKeyName: 'aws:username', ContextKeyValues: ['bob', 'al ice'], ContextKeyType: 'stringList' },
      ],
    }),
  );
  assert.equal(sim.EvaluationResults?.length, 2);
  assert.deepEqual(sim.EvaluationResults?.[1]?.MissingContextValues, ['bob', 'al ice']);
  assert.deepEqual(sim.EvaluationResults?.[0]?.EvalDecisionDetails, { 'IAM Policy': 'allowed' });
  assert.deepEqual(sim.EvaluationResults?.[0]?.MatchedStatements, []);
});

test('STS GetCallerIdentity through the SDK (sts scope, sts namespace)', async () => {
  const out = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(out.Arn, 'arn:aws:iam::123456789012:user/Alice');
  assert.equal(out.Account, '123456789012');
  assert.equal(out.UserId, 'AIDACKCEVSQ6C2EXAMPLE');
});

test('an unknown key through the SDK is InvalidClientTokenId', async () => {
  const stranger = new IAMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  try {
    await assert.rejects(stranger.send(new ListUsersCommand({})), {
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    });
  } finally {
    stranger.destroy();
  }
});
