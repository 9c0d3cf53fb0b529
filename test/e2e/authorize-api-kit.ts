/**
 * Shared steps of the authorization API's end-to-end tests: a calling service (an IAM user with
 * warden:AuthorizeRequest), principals with and without s3:PutObject, and S3 requests signed as
 * @aws-sdk/client-s3 signs them.
 */
import { createHash } from 'node:crypto';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ForwardedRequest } from '../../src/client/index.ts';
import { ACCOUNT_ID, type Credentials } from './harness.ts';

export const BUCKET = 'logs';
export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export const policy = (...statements: Record<string, unknown>[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** May ask about PutObject calls on the log bucket, nothing else. */
export const SERVICE_POLICY = policy({
  Sid: 'AskAboutLogUploads',
  Effect: 'Allow',
  Action: 'warden:AuthorizeRequest',
  Resource: `arn:aws:s3:::${BUCKET}/*`,
  Condition: { StringEquals: { 'warden:AuthorizedAction': 's3:PutObject' } },
});

export const WRITER_POLICY = policy(
  { Sid: 'WriteAppLogs', Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/app/*` },
  { Sid: 'NeverSecrets', Effect: 'Deny', Action: 's3:*', Resource: `arn:aws:s3:::${BUCKET}/app/secret/*` },
);

/** An IAM user with an access key, and an inline policy when given. */
export async function userWithKey(iam: IAMClient, name: string, inline?: string): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (inline !== undefined) {
    await iam.send(
      new PutUserPolicyCommand({ UserName: name, PolicyName: `${name}-policy`, PolicyDocument: inline }),
    );
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey?.AccessKeyId ?? '', secretAccessKey: AccessKey?.SecretAccessKey ?? '' };
}

/** A customer managed policy attached to a user (to see a managed policy named in a reason). */
export async function attachManaged(
  iam: IAMClient,
  user: string,
  name: string,
  document: string,
): Promise<void> {
  await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }));
  await iam.send(
    new AttachUserPolicyCommand({ UserName: user, PolicyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/${name}` }),
  );
}

export interface S3PutOptions {
  readonly key: string;
  readonly body?: string;
  readonly at?: Date;
  readonly host?: string;
  readonly region?: string;
  readonly service?: string;
  readonly bucket?: string;
  readonly headers?: Record<string, string>;
}

/** A PutObject request (path style) signed as @aws-sdk/client-s3 signs it, as a service receives it. */
export async function signedPut(credentials: Credentials, o: S3PutOptions): Promise<ForwardedRequest> {
  const body = o.body ?? 'one log line\n';
  const host = o.host ?? '127.0.0.1:9000';
  const [hostname = '127.0.0.1', port = '9000'] = host.split(':');
  const signer = new SignatureV4({
    service: o.service ?? 's3',
    region: o.region ?? 'us-east-1',
    sha256: Sha256,
    uriEscapePath: false,
    credentials,
  });
  const path = `/${o.bucket ?? BUCKET}/${o.key.split('/').map(encodeURIComponent).join('/')}`;
  const request = new HttpRequest({
    method: 'PUT',
    protocol: 'http:',
    hostname,
    port: Number(port),
    path,
    query: { 'x-id': 'PutObject' },
    headers: {
      host,
      'content-type': 'text/plain',
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-content-sha256': sha256(body),
      'user-agent': 'aws-sdk-js/3 e2e',
      ...o.headers,
    },
    body,
  });
  const signed = await signer.sign(request, o.at === undefined ? {} : { signingDate: o.at });
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: 'PUT',
    path,
    query: 'x-id=PutObject',
    headers,
    payloadHash: sha256(body),
    sourceIp: '198.51.100.7',
  };
}

/** A presigned PutObject URL (query authentication, unsigned payload) as a service receives it. */
export async function presignedPut(
  credentials: Credentials,
  key: string,
  expiresIn = 300,
): Promise<ForwardedRequest> {
  const signer = new SignatureV4({
    service: 's3',
    region: 'us-east-1',
    sha256: Sha256,
    uriEscapePath: false,
    credentials,
  });
  const path = `/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const request = new HttpRequest({
    method: 'PUT',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 9000,
    path,
    headers: { host: '127.0.0.1:9000', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  });
  const signed = await signer.presign(request, {
    expiresIn,
    unsignableHeaders: new Set(['x-amz-content-sha256']),
  });
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return { method: 'PUT', path, query, headers: { host: '127.0.0.1:9000' }, payloadHash: 'UNSIGNED-PAYLOAD' };
}

export const objectArn = (key: string): string => `arn:aws:s3:::${BUCKET}/${key}`;
