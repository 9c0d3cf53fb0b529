import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { adminRequest, type AdminCredentials } from './admin-client.ts';
import { ACCOUNT_ID, iamClient, ROOT, stsClient } from './harness.ts';
import { startSuite, stopSuite, type Suite } from './sdk-kit.ts';
import { BUCKET, createEc2S3Access, EC2_TRUST, runWorkload } from './workload-kit.ts';

/**
 * Credentials for workloads, end to end: registration through the admin API (iam:PassRole
 * enforced), then a child process with no keys that finds its role credentials through the AWS
 * SDK's default chain, from its own IMDS endpoint or from the container credentials endpoint.
 */

interface Registered {
  WorkloadId: string;
  Token: string;
  ImdsEndpoint: string;
  ContainerCredentialsFullUri: string;
}

let suite: Suite;
let deployer: AdminCredentials;
let workload: Registered;

const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const REGISTER = { Effect: 'Allow', Action: 'warden:RegisterWorkload', Resource: '*' };
const PASS_TO_EC2 = {
  Effect: 'Allow',
  Action: 'iam:PassRole',
  Resource: `arn:aws:iam::${ACCOUNT_ID}:role/EC2-S3-Access`,
  Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
};
const register = (who: AdminCredentials, body: object) =>
  adminRequest(suite.warden.endpoint, who, 'POST', '/admin/v1/workloads', body);

before(async () => {
  suite = await startSuite();
  await createEc2S3Access(suite.iam);
  await suite.iam.send(new CreateUserCommand({ UserName: 'deployer' }));
  const key = await suite.iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));
  deployer = {
    accessKeyId: key.AccessKey?.AccessKeyId ?? '',
    secretAccessKey: key.AccessKey?.SecretAccessKey ?? '',
  };
});
after(() => stopSuite(suite));

const putPolicy = (statements: object[]) =>
  suite.iam.send(
    new PutUserPolicyCommand({
      UserName: 'deployer',
      PolicyName: 'workloads',
      PolicyDocument: policy(statements),
    }),
  );

describe('registration through the admin API', () => {
  test('without iam:PassRole on the role it is refused, naming iam:PassRole', async () => {
    await putPolicy([REGISTER]);
    const refused = await register(deployer, { InstanceProfileName: 'EC2-S3-Access' });
    assert.equal(refused.status, 403);
    const error = refused.body.Error as { Code: string; Message: string };
    assert.equal(error.Code, 'AccessDenied');
    assert.match(
      error.Message,
      /user\/deployer is not authorized to perform: iam:PassRole on resource: .*role\/EC2-S3-Access/,
    );
  });

  test('PassRole for another service does not do; without warden:RegisterWorkload neither', async () => {
    await putPolicy([
      REGISTER,
      { ...PASS_TO_EC2, Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
    ]);
    assert.equal((await register(deployer, { InstanceProfileName: 'EC2-S3-Access' })).status, 403);
    await putPolicy([PASS_TO_EC2]);
    const refused = await register(deployer, { InstanceProfileName: 'EC2-S3-Access' });
    assert.match((refused.body.Error as { Message: string }).Message, /warden:RegisterWorkload/);
  });

  test('with both it answers the id, a token, the IMDS endpoint and the container URI', async () => {
    await putPolicy([REGISTER, PASS_TO_EC2]);
    const ok = await register(deployer, { InstanceProfileName: 'ec2-s3-access' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    workload = ok.body as unknown as Registered;
    assert.match(workload.WorkloadId, /^i-[0-9a-f]{17}$/);
    assert.match(workload.Token, /^wdnwl-[\w-]{43}$/);
    assert.match(workload.ImdsEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(
      workload.ContainerCredentialsFullUri,
      `${suite.warden.endpoint}/v1/workload-credentials/${workload.WorkloadId}`,
    );
    assert.equal(ok.body.InstanceProfileName, 'EC2-S3-Access');
  });

  test('a role whose trust policy does not allow ec2.amazonaws.com is refused with the reason', async () => {
    const lambdaTrust = EC2_TRUST.replace('ec2.amazonaws.com', 'lambda.amazonaws.com');
    await suite.iam.send(
      new CreateRoleCommand({ RoleName: 'LambdaOnly', AssumeRolePolicyDocument: lambdaTrust }),
    );
    const refused = await register(ROOT, { RoleName: 'LambdaOnly' });
    assert.equal(refused.status, 400);
    assert.equal((refused.body.Error as { Code: string }).Code, 'InvalidInput');
    assert.match((refused.body.Error as { Message: string }).Message, /does not allow ec2\.amazonaws\.com/);
  });

  test('bad bodies and unknown names', async () => {
    const cases: [object, number, string][] = [
      [{}, 400, 'ValidationError'],
      [{ InstanceProfileName: 'EC2-S3-Access', RoleName: 'EC2-S3-Access' }, 400, 'ValidationError'],
      [{ RoleName: 'bad name!' }, 400, 'ValidationError'],
      [{ InstanceProfileName: 'nope' }, 404, 'NoSuchEntity'],
      [{ RoleName: 'nope' }, 404, 'NoSuchEntity'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await register(ROOT, body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal((answer.body.Error as { Code: string }).Code, code, JSON.stringify(body));
    }
  });
});

describe('a workload with no keys finds its role credentials', () => {
  const expectedArn = () => `arn:aws:sts::${ACCOUNT_ID}:assumed-role/EC2-S3-Access/${workload.WorkloadId}`;

  test('through its IMDS endpoint (AWS_EC2_METADATA_SERVICE_ENDPOINT only)', async () => {
    const child = await runWorkload(suite.warden.endpoint, {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: workload.ImdsEndpoint,
    });
    assert.equal(child.code, 0, child.stderr);
    const out = JSON.parse(child.stdout) as { Arn: string; AccessKeyId: string };
    assert.equal(out.Arn, expectedArn());
    assert.match(out.AccessKeyId, /^ASIA/);
  });

  test('through the container credentials endpoint with its bearer token', async () => {
    const child = await runWorkload(suite.warden.endpoint, {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: workload.ContainerCredentialsFullUri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: workload.Token,
    });
    assert.equal(child.code, 0, child.stderr);
    assert.equal((JSON.parse(child.stdout) as { Arn: string }).Arn, expectedArn());
  });

  test('a wrong or missing bearer token is refused (and so is another workload id)', async () => {
    const child = await runWorkload(suite.warden.endpoint, {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: workload.ContainerCredentialsFullUri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: `${workload.Token}x`,
    });
    assert.notEqual(child.code, 0);
    assert.equal(child.stdout, '');
    const uri = workload.ContainerCredentialsFullUri;
    const cases: [string, Record<string, string>, number][] = [
      ['no token', {}, 401],
      ['wrong token', { authorization: 'wdnwl-guess' }, 403],
      ['other id', { authorization: workload.Token }, 403],
    ];
    for (const [name, headers, status] of cases) {
      const target = name === 'other id' ? uri.replace(/i-[0-9a-f]{17}$/, 'i-0123456789abcdef0') : uri;
      const response = await fetch(target, { headers });
      assert.equal(response.status, status, name);
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(body.AccessKeyId, undefined, name);
    }
  });

  test('the container endpoint answers the IMDS credentials JSON', async () => {
    const response = await fetch(workload.ContainerCredentialsFullUri, {
      headers: { authorization: workload.Token },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, string>;
    assert.deepEqual(Object.keys(body).sort(), [
      'AccessKeyId',
      'Code',
      'Expiration',
      'LastUpdated',
      'RoleArn',
      'SecretAccessKey',
      'Token',
      'Type',
    ]);
    assert.equal(body.Code, 'Success');
    assert.equal(body.Type, 'AWS-HMAC');
    assert.equal(body.RoleArn, `arn:aws:iam::${ACCOUNT_ID}:role/EC2-S3-Access`);
    assert.match(body.Expiration ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

test("the seed's example: EC2-S3-Access may put objects in its bucket and nowhere else", async () => {
  const simulate = (resource: string) =>
    suite.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT_ID}:role/EC2-S3-Access`,
        ActionNames: ['s3:PutObject', 's3:DeleteObject'],
        ResourceArns: [resource],
      }),
    );
  const inBucket = await simulate(`arn:aws:s3:::${BUCKET}/2026/11/29/app.log`);
  assert.deepEqual(
    inBucket.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision]),
    [
      ['s3:PutObject', 'allowed'],
      ['s3:DeleteObject', 'implicitDeny'],
    ],
  );
  const elsewhere = await simulate('arn:aws:s3:::someone-elses-bucket/app.log');
  assert.deepEqual(
    elsewhere.EvaluationResults?.map((r) => r.EvalDecision),
    ['implicitDeny', 'implicitDeny'],
  );
});

test('listing and deregistering: permissions, no tokens listed, the listener closed, issued sessions run out', async () => {
  const listed = await adminRequest(suite.warden.endpoint, ROOT, 'GET', '/admin/v1/workloads');
  assert.equal(listed.status, 200);
  const mine = (listed.body.Workloads as Record<string, string>[]).find(
    (w) => w.WorkloadId === workload.WorkloadId,
  );
  assert.deepEqual(Object.keys(mine ?? {}).sort(), [
    'ContainerCredentialsFullUri',
    'CreateDate',
    'ImdsEndpoint',
    'InstanceProfileName',
    'WorkloadId',
  ]);
  assert.equal(mine?.ImdsEndpoint, workload.ImdsEndpoint);

  const issued = await fetch(workload.ContainerCredentialsFullUri, {
    headers: { authorization: workload.Token },
  });
  const held = (await issued.json()) as Record<string, string>;
  const path = `/admin/v1/workloads?WorkloadId=${workload.WorkloadId}`;
  const denied = await adminRequest(suite.warden.endpoint, deployer, 'DELETE', path);
  assert.equal(denied.status, 403);
  assert.match((denied.body.Error as { Message: string }).Message, /warden:DeregisterWorkload/);
  const gone = await adminRequest(suite.warden.endpoint, ROOT, 'DELETE', path);
  assert.equal(gone.status, 200, JSON.stringify(gone.body));
  assert.equal((await adminRequest(suite.warden.endpoint, ROOT, 'DELETE', path)).status, 404);

  await assert.rejects(
    fetch(`${workload.ImdsEndpoint}/latest/api/token`, { method: 'PUT' }),
    'the IMDS port is closed',
  );
  const refused = await fetch(workload.ContainerCredentialsFullUri, {
    headers: { authorization: workload.Token },
  });
  assert.equal(refused.status, 403);
  const sts = stsClient(suite.warden.endpoint, {
    accessKeyId: held.AccessKeyId ?? '',
    secretAccessKey: held.SecretAccessKey ?? '',
    sessionToken: held.Token ?? '',
  });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  assert.match(identity.Arn ?? '', /assumed-role\/EC2-S3-Access\/i-/);
  sts.destroy();
});

test("another account's workload gets that account's role (the workload lives in its account's store)", async () => {
  const created = await adminRequest(suite.warden.endpoint, ROOT, 'POST', '/admin/v1/accounts', {});
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const accountId = created.body.AccountId as string;
  const key = created.body.RootAccessKey as { AccessKeyId: string; SecretAccessKey: string };
  const otherRoot = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
  const iam = iamClient(suite.warden.endpoint, otherRoot);
  await createEc2S3Access(iam);
  iam.destroy();
  const other = (await register(otherRoot, { InstanceProfileName: 'EC2-S3-Access' }))
    .body as unknown as Registered;
  const arn = `arn:aws:sts::${accountId}:assumed-role/EC2-S3-Access/${other.WorkloadId}`;
  const cases: [string, Record<string, string>][] = [
    ['IMDS', { AWS_EC2_METADATA_SERVICE_ENDPOINT: other.ImdsEndpoint }],
    [
      'container',
      {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: other.ContainerCredentialsFullUri,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: other.Token,
      },
    ],
  ];
  for (const [name, env] of cases) {
    const child = await runWorkload(suite.warden.endpoint, env);
    assert.equal(child.code, 0, `${name}: ${child.stderr}`);
    assert.equal((JSON.parse(child.stdout) as { Arn: string }).Arn, arn, name);
  }
  const listed = await adminRequest(suite.warden.endpoint, otherRoot, 'GET', '/admin/v1/workloads');
  assert.deepEqual(
    (listed.body.Workloads as { WorkloadId: string }[]).map((w) => w.WorkloadId),
    [other.WorkloadId],
    'each account lists only its own workloads',
  );
});
