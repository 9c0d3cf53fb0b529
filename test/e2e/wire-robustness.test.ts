import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { signRequest } from '../../src/protocol/index.ts';
import { ACCOUNT_ID, ROOT, startWarden, type RunningWarden } from './harness.ts';

/** What arrives on the wire from clients that are not the SDK: malformed, oversize, presigned. */
let warden: RunningWarden;
let host: string;

before(async () => {
  warden = await startWarden();
  host = new URL(warden.endpoint).host;
});
after(async () => {
  await warden.stop();
});

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  const url = new URL(path, warden.endpoint);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A correctly signed POST of arbitrary bytes, so the server gets past SigV4 to the parser. */
function signedPost(body: Buffer, service: 'iam' | 'sts' = 'iam', now = new Date()): Promise<Reply> {
  const headers = signRequest({
    method: 'POST',
    headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    region: 'us-east-1',
    service,
    credentials: ROOT,
    now,
  });
  return send('POST', '/', headers, body);
}

const codeOf = (reply: Reply) => /<Code>([^<]*)<\/Code>/.exec(reply.body)?.[1];

test('malformed, wrongly typed and non-UTF-8 input gets a 4xx AWS error, never a 500 or a stack trace', async () => {
  const cases: [string, Buffer, string][] = [
    [
      'percent garbage',
      Buffer.from('Action=GetUser&Version=2010-05-08&UserName=%E0%A4%A'),
      'ValidationError',
    ],
    [
      'non-UTF-8 bytes',
      Buffer.concat([
        Buffer.from('Action=CreateUser&Version=2010-05-08&UserName='),
        Buffer.from([0xff, 0xfe, 0xc3]),
      ]),
      'ValidationError',
    ],
    [
      'integer field with text',
      Buffer.from('Action=ListUsers&Version=2010-05-08&MaxItems=lots'),
      'InvalidParameterValue',
    ],
    [
      'integer out of range',
      Buffer.from('Action=ListUsers&Version=2010-05-08&MaxItems=5000'),
      'ValidationError',
    ],
    ['missing required member', Buffer.from('Action=CreateUser&Version=2010-05-08'), 'ValidationError'],
    ['unknown action', Buffer.from('Action=MakeMeAdmin&Version=2010-05-08'), 'InvalidAction'],
    ['no action', Buffer.from('Version=2010-05-08&UserName=x'), 'MissingAction'],
    ['not a form at all', Buffer.from('{"Action": "ListUsers"}'), 'MissingAction'],
    [
      'list member where a string belongs',
      Buffer.from('Action=CreateUser&Version=2010-05-08&UserName.member.1=x'),
      'ValidationError',
    ],
  ];
  for (const [name, body, code] of cases) {
    const reply = await signedPost(body);
    assert.ok(reply.status >= 400 && reply.status < 500, `${name}: status ${reply.status} ${reply.body}`);
    assert.equal(codeOf(reply), code, `${name}: ${reply.body}`);
    assert.doesNotMatch(reply.body, /at .*\.ts:\d+|Error:/, `${name}: no stack trace`);
  }
});

test('unknown parameters are ignored, as AWS does', async () => {
  const reply = await signedPost(
    Buffer.from('Action=ListUsers&Version=2010-05-08&NoSuchParameter=1&Foo.member.1=2'),
  );
  assert.equal(reply.status, 200, reply.body);
  assert.match(reply.body, /<ListUsersResult>/);
});

test('an oversize body is refused before it is parsed', async () => {
  const huge = Buffer.alloc(2 * 1024 * 1024, 'a');
  const reply = await send('POST', '/', { host, 'content-type': 'application/x-www-form-urlencoded' }, huge);
  assert.equal(reply.status, 413);
  assert.equal(codeOf(reply), 'RequestEntityTooLarge');
});

test('a request without any signature is refused with MissingAuthenticationToken', async () => {
  const reply = await send(
    'POST',
    '/',
    { 'content-type': 'application/x-www-form-urlencoded' },
    Buffer.from('Action=ListUsers&Version=2010-05-08'),
  );
  assert.equal(reply.status, 403);
  assert.equal(codeOf(reply), 'MissingAuthenticationToken');
});

test('skew beyond 15 minutes fails with AWS\'s "Signature expired" message', async () => {
  const reply = await signedPost(
    Buffer.from('Action=ListUsers&Version=2010-05-08'),
    'iam',
    new Date(Date.now() - 20 * 60_000),
  );
  assert.equal(reply.status, 403);
  assert.equal(codeOf(reply), 'SignatureDoesNotMatch');
  assert.match(
    reply.body,
    /Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)/,
  );
});

test('a presigned GetCallerIdentity URL made by @smithy/signature-v4 works with GET', async () => {
  const signer = new SignatureV4({ credentials: ROOT, region: 'us-east-1', service: 'sts', sha256: Sha256 });
  const presigned = await signer.presign(
    new HttpRequest({
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: Number(new URL(warden.endpoint).port),
      path: '/',
      headers: { host },
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    }),
    { expiresIn: 60 },
  );
  const query = new URLSearchParams(presigned.query as Record<string, string>).toString();
  const reply = await send('GET', `/?${query}`, { host });
  assert.equal(reply.status, 200, reply.body);
  assert.match(reply.body, new RegExp(`<Arn>arn:aws:iam::${ACCOUNT_ID}:root</Arn>`));
  assert.match(reply.body, /xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"/);

  const tampered = query.replace('GetCallerIdentity', 'GetCallerIdentitx');
  assert.equal(codeOf(await send('GET', `/?${tampered}`, { host })), 'SignatureDoesNotMatch');
});

test('responses carry the request id in the body and the x-amzn-RequestId header', async () => {
  const reply = await signedPost(Buffer.from('Action=GetUser&Version=2010-05-08&UserName=nobody'));
  const id = reply.headers['x-amzn-requestid'];
  assert.equal(typeof id, 'string');
  assert.match(reply.body, new RegExp(`<RequestId>${String(id)}</RequestId>`));
  assert.equal(reply.status, 404);
});

test('health check answers 200 with a JSON status', async () => {
  const reply = await send('GET', '/healthz', { host });
  assert.equal(reply.status, 200);
  assert.deepEqual(JSON.parse(reply.body), { status: 'ok', accountId: ACCOUNT_ID });
});
