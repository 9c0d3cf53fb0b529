/**
 * The example service end to end (examples/log-upload-service, started from its entry script): the
 * seed's EC2-S3-Access role, running as a registered workload, uploads a log with
 * @aws-sdk/client-s3 from a child process that holds no keys; principals without s3:PutObject on
 * the bucket are refused with S3's AccessDenied.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CreateRoleCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { adminRequest } from './admin-client.ts';
import {
  ACCOUNT_ID,
  iamClient,
  ROOT,
  startWarden,
  stsClient,
  type Credentials,
  type RunningWarden,
} from './harness.ts';
import { policy, signedPut, userWithKey } from './authorize-api-kit.ts';
import { BUCKET, createEc2S3Access } from './workload-kit.ts';

const REPO = join(import.meta.dirname, '..', '..');
const UPLOAD = join(import.meta.dirname, 'fixtures', 'workload-upload.mjs');
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'warden-upload-home-'));

let warden: RunningWarden;
let example: ChildProcess;
let s3Endpoint: string;
let storage: string;
let stranger: Credentials;
let workload: {
  ImdsEndpoint: string;
  ContainerCredentialsFullUri: string;
  Token: string;
  WorkloadId: string;
};

const md5 = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;
const stored = (key: string) => join(storage, BUCKET, ...key.split('/'));

/** Starts examples/log-upload-service/main.ts as its README says, and waits for it to listen. */
function startExample(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'examples/log-upload-service/main.ts')],
    {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: EMPTY_HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the example did not start:\n${output}`)), 30_000);
    const read = (d: Buffer) => {
      output += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the example exited with ${code}:\n${output}`)));
  });
}

/** The workload: a child process with ONLY the given environment (no keys, no profile). */
function upload(env: Record<string, string>, key: string, body: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [UPLOAD, s3Endpoint, BUCKET, key, body],
      {
        cwd: REPO,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: EMPTY_HOME,
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(EMPTY_HOME, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(EMPTY_HOME, 'credentials'),
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          stdout,
          stderr,
        });
      },
    );
  });
}

const s3As = (credentials: Credentials) =>
  new S3Client({
    endpoint: s3Endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });

before(async () => {
  warden = await startWarden();
  const iam = iamClient(warden.endpoint);
  await createEc2S3Access(iam);
  const service = await userWithKey(
    iam,
    'log-upload-service',
    policy({
      Effect: 'Allow',
      Action: 'warden:AuthorizeRequest',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringEquals: { 'warden:AuthorizedAction': 's3:PutObject' } },
    }),
  );
  stranger = await userWithKey(
    iam,
    'stranger',
    policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }),
  );
  storage = mkdtempSync(join(tmpdir(), 'warden-example-logs-'));
  const started = await startExample({
    WARDEN_ENDPOINT: warden.endpoint,
    AWS_ACCESS_KEY_ID: service.accessKeyId,
    AWS_SECRET_ACCESS_KEY: service.secretAccessKey,
    LOG_BUCKET: BUCKET,
    LOG_DIR: storage,
    PORT: '0',
  });
  example = started.child;
  s3Endpoint = started.url;
  const registered = await adminRequest(warden.endpoint, ROOT, 'POST', '/admin/v1/workloads', {
    InstanceProfileName: 'EC2-S3-Access',
  });
  assert.equal(registered.status, 200, JSON.stringify(registered.body));
  workload = registered.body as typeof workload;
});

after(async () => {
  example?.kill('SIGTERM');
  await warden?.stop();
  if (storage !== undefined) rmSync(storage, { recursive: true, force: true });
});

describe('the seed example: EC2-S3-Access uploads logs as a workload', () => {
  test('a keyless child process (IMDS endpoint only) uploads with PutObject', async () => {
    const body = 'Nov 29 03:10:00 web-1 nginx: GET / 200\n';
    const run = await upload(
      { AWS_EC2_METADATA_SERVICE_ENDPOINT: workload.ImdsEndpoint },
      'web-1/access.log',
      body,
    );
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { ETag: string; AccessKeyId: string };
    assert.equal(out.ETag, md5(body));
    assert.match(out.AccessKeyId, /^ASIA/);
    assert.equal(readFileSync(stored('web-1/access.log'), 'utf8'), body);
  });

  test('through the container credentials endpoint as well', async () => {
    const body = 'task log line\n';
    const run = await upload(
      {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: workload.ContainerCredentialsFullUri,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: workload.Token,
      },
      'tasks/t 1.log',
      body,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(stored('tasks/t 1.log'), 'utf8'), body);
  });

  test('a user without s3:PutObject on the bucket is refused with AccessDenied (403), nothing stored', async () => {
    await assert.rejects(
      s3As(stranger).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'evil.log', Body: 'x' })),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, 'AccessDenied');
        assert.equal(error.$metadata?.httpStatusCode, 403);
        assert.match(
          error.message,
          new RegExp(
            `user/stranger is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::${BUCKET}/evil.log`,
          ),
        );
        return true;
      },
    );
    assert.equal(existsSync(stored('evil.log')), false);
  });

  test('a forged signature is refused with SignatureDoesNotMatch', async () => {
    const forged = { ...stranger, secretAccessKey: 'forged/forged/forged/forged/forged/00000' };
    await assert.rejects(
      s3As(forged).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'forged.log', Body: 'x' })),
      { name: 'SignatureDoesNotMatch' },
    );
    assert.equal(existsSync(stored('forged.log')), false);
  });

  test('a role session from AssumeRole with s3:PutObject uploads too', async () => {
    const iam = iamClient(warden.endpoint);
    const shipper = await userWithKey(
      iam,
      'shipper',
      policy({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:aws:iam::${ACCOUNT_ID}:role/LogShipper`,
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'LogShipper',
        AssumeRolePolicyDocument: policy({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:user/shipper` },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'LogShipper',
        PolicyName: 'ship',
        PolicyDocument: policy({
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${BUCKET}/ship/*`,
        }),
      }),
    );
    const { Credentials: c } = await stsClient(warden.endpoint, shipper).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/LogShipper`,
        RoleSessionName: 'nightly',
      }),
    );
    const session = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    const out = await s3As(session).send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'ship/n.log', Body: 'shipped\n' }),
    );
    assert.equal(out.ETag, md5('shipped\n'));
    await assert.rejects(
      s3As(session).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'elsewhere/n.log', Body: 'no' })),
      { name: 'AccessDenied' },
    );
  });

  test('a streamed upload (aws-chunked, unsigned payload with a checksum trailer) is stored decoded', async () => {
    const streamer = await userWithKey(
      iamClient(warden.endpoint),
      'streamer',
      policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/stream/*` }),
    );
    const lines = ['first line\n', 'second line\n', 'third line\n'];
    const body = Readable.from(lines.map((l) => Buffer.from(l)));
    const length = lines.join('').length;
    await s3As(streamer).send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'stream/s.log', Body: body, ContentLength: length }),
    );
    assert.equal(readFileSync(stored('stream/s.log'), 'utf8'), lines.join(''));
  });

  test('a body whose x-amz-checksum-crc32 does not match: BadDigest, nothing stored', async () => {
    const writer = await userWithKey(
      iamClient(warden.endpoint),
      'crc-writer',
      policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/crc/*` }),
    );
    const host = new URL(s3Endpoint).host;
    const put = async (crc: string) => {
      const signed = await signedPut(writer, {
        key: 'crc/c.log',
        bucket: BUCKET,
        host,
        body: 'checked\n',
        headers: { 'x-amz-checksum-crc32': crc },
      });
      const { host: _host, ...headers } = signed.headers as Record<string, string>;
      return fetch(`${s3Endpoint}${signed.path}?${signed.query}`, {
        method: 'PUT',
        headers,
        body: 'checked\n',
      });
    };
    const bad = await put('AAAAAA==');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /<Code>BadDigest<\/Code>/);
    assert.equal(existsSync(stored('crc/c.log')), false);
    const good = await put('RsvXsw==');
    assert.equal(good.status, 200, await good.text());
    assert.equal(readFileSync(stored('crc/c.log'), 'utf8'), 'checked\n');
  });

  test('only PUT on its bucket: other methods and buckets get S3 errors', async () => {
    const get = await fetch(`${s3Endpoint}/${BUCKET}/web-1/access.log`);
    assert.equal(get.status, 405);
    assert.match(await get.text(), /<Code>MethodNotAllowed<\/Code>/);
    await assert.rejects(
      s3As(stranger).send(new PutObjectCommand({ Bucket: 'another-bucket', Key: 'a.log', Body: 'x' })),
      { name: 'NoSuchBucket' },
    );
  });

  test("access advisor: the role's s3 use through the service is recorded; the refused user's is not", async () => {
    const iam = iamClient(warden.endpoint);
    const s3Of = async (Arn: string) => {
      const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn }));
      const got = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
      return got.ServicesLastAccessed?.find((x) => x.ServiceNamespace === 's3');
    };
    const role = await s3Of(`arn:aws:iam::${ACCOUNT_ID}:role/EC2-S3-Access`);
    assert.ok(role?.LastAuthenticated instanceof Date, JSON.stringify(role));
    assert.match(role.LastAuthenticatedEntity ?? '', /EC2-S3-Access/);
    const refused = await s3Of(`arn:aws:iam::${ACCOUNT_ID}:user/stranger`);
    assert.ok(refused !== undefined, 's3 is listed: the user may GetObject');
    assert.equal(refused.LastAuthenticated, undefined);
  });
});
