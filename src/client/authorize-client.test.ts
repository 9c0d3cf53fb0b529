import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../protocol/index.ts';
import { forwardedHeaders, WardenAuthorizer, WardenAuthorizeError } from './authorize-client.ts';
import { wardenAuthorization, type AuthorizedRequest } from './middleware.ts';

/**
 * The client and the middleware against a stand-in for Warden's /v1/authorize that checks the
 * client's SigV4 signature with Warden's own verifier (service `warden`), keeps what it was sent
 * and answers what each test says. The real endpoint is tested end to end in test/e2e.
 */
const SERVICE_KEY = {
  accessKeyId: 'AKIASERVICEKEY000001',
  secretAccessKey: 'service/secret/for/tests/000000000000',
};
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const ALLOW = {
  Decision: 'Allow',
  Principal: {
    Arn: 'arn:aws:iam::123456789012:user/writer',
    AccountId: '123456789012',
    UserId: 'AIDAX',
    Type: 'User',
  },
  Reason: {
    Effect: 'Allow',
    DecidedBy: 'identity',
    Message: 'allowed',
    MatchedStatements: [
      { SourcePolicyId: 'p', SourcePolicyType: 'user', PolicyKind: 'identity', StatementIndex: 0, Sid: 'S' },
    ],
  },
  RequestId: 'req-1',
};
const DENY = {
  Decision: 'Deny',
  Principal: ALLOW.Principal,
  Reason: {
    Effect: 'ImplicitDeny',
    DecidedBy: 'identity',
    Message: 'User: x is not authorized',
    MatchedStatements: [],
  },
  EncodedMessage: 'sealed',
  RequestId: 'req-2',
};
const REFUSED = {
  Decision: 'Deny',
  Reason: { Effect: 'ImplicitDeny', DecidedBy: 'none', Message: 'expired', MatchedStatements: [] },
  Error: { Code: 'ExpiredToken', Message: 'The security token included in the request is expired' },
  RequestId: 'req-3',
};

let received: Record<string, unknown>[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: ALLOW };
let warden: Server;
let endpoint: string;

before(async () => {
  warden = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const lookup = (id: string) =>
        Promise.resolve(id === SERVICE_KEY.accessKeyId ? SERVICE_KEY.secretAccessKey : undefined);
      const signed = {
        method: req.method ?? '',
        path: req.url ?? '',
        rawQuery: '',
        headers: req.headers,
        body,
      };
      verifySignature(signed, lookup, new Date(), { services: ['warden'] }).then(
        () => {
          received.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
          const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
          res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
        },
        (error: Error & { code?: string }) => {
          res.writeHead(403).end(JSON.stringify({ Error: { Code: error.code, Message: error.message } }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => warden.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(warden.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => warden.close(() => resolve())));

const reset = (status: number, body: unknown) => {
  received = [];
  answer = { status, body };
};

const REQUEST = {
  method: 'PUT',
  path: '/logs/a.log',
  query: 'x-id=PutObject',
  headers: {
    host: 'svc:9000',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIAW/20261129/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-acl;x-amz-date, Signature=abc',
    'x-amz-date': '20261129T030000Z',
    'x-amz-acl': 'private',
    'x-amz-security-token': 'tok',
    cookie: 'session=secret',
    'x-forwarded-for': '10.0.0.1',
  },
  payloadHash: sha('x'),
};

describe('forwardedHeaders', () => {
  const cases: { name: string; headers: Record<string, string>; query?: string; expected: string[] }[] = [
    {
      name: 'the signed ones and the signature headers; never cookies or proxy headers',
      headers: REQUEST.headers,
      expected: ['authorization', 'host', 'x-amz-acl', 'x-amz-date', 'x-amz-security-token'],
    },
    {
      name: 'a presigned request: the headers its query says were signed',
      headers: { host: 'h', 'x-custom': 'v', other: 'o' },
      query: 'X-Amz-SignedHeaders=host%3Bx-custom',
      expected: ['host', 'x-custom'],
    },
    {
      name: 'a presigned request with X-Amz-SignedHeaders unencoded',
      headers: { host: 'h', 'x-custom': 'v', other: 'o' },
      query: 'X-Amz-SignedHeaders=host;x-custom',
      expected: ['host', 'x-custom'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(Object.keys(forwardedHeaders(c.headers, c.query)).sort(), c.expected);
    });
  }
});

describe('WardenAuthorizer', () => {
  const authorizer = () => new WardenAuthorizer({ endpoint, credentials: SERVICE_KEY });

  test('sends the wire shape, signed for the warden service, and maps an Allow', async () => {
    reset(200, ALLOW);
    const result = await authorizer().authorize({
      request: { ...REQUEST, sourceIp: '198.51.100.7', secureTransport: true },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::logs/a.log',
      context: { 's3:x-amz-acl': 'private' },
      resourcePolicy: '{}',
    });
    assert.deepEqual(received[0], {
      Request: {
        Method: 'PUT',
        Path: '/logs/a.log',
        Query: 'x-id=PutObject',
        Headers: {
          authorization: REQUEST.headers.authorization,
          host: 'svc:9000',
          'x-amz-acl': 'private',
          'x-amz-date': '20261129T030000Z',
          'x-amz-security-token': 'tok',
        },
        PayloadHash: sha('x'),
        SourceIp: '198.51.100.7',
        SecureTransport: true,
      },
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::logs/a.log',
      Context: { 's3:x-amz-acl': 'private' },
      ResourcePolicy: '{}',
    });
    assert.deepEqual(result, {
      decision: 'Allow',
      principal: { arn: ALLOW.Principal.Arn, accountId: '123456789012', userId: 'AIDAX', type: 'User' },
      reason: {
        effect: 'Allow',
        decidedBy: 'identity',
        message: 'allowed',
        matchedStatements: [{ sourcePolicyId: 'p', sourcePolicyType: 'user', sid: 'S' }],
      },
      requestId: 'req-1',
    });
  });

  test('a Deny is an answer (with the encoded message); an authentication failure carries its code', async () => {
    reset(200, DENY);
    const denied = await authorizer().authorize({ request: REQUEST, action: 's3:PutObject', resource: '*' });
    assert.equal(denied.decision, 'Deny');
    assert.equal(denied.encodedMessage, 'sealed');
    reset(200, REFUSED);
    const refused = await authorizer().authorize({ request: REQUEST, action: 's3:PutObject', resource: '*' });
    assert.deepEqual(refused.error, { code: 'ExpiredToken', message: REFUSED.Error.Message });
    assert.equal(refused.principal, undefined);
  });

  const failures: {
    name: string;
    status: number;
    body: unknown;
    code: string;
    credentials?: typeof SERVICE_KEY;
  }[] = [
    {
      name: "Warden's refusal of the service (403 AccessDenied)",
      status: 403,
      body: { Error: { Code: 'AccessDenied', Message: 'no' }, RequestId: 'r' },
      code: 'AccessDenied',
    },
    {
      name: 'an answer that is not JSON',
      status: 502,
      body: '<html>bad gateway</html>',
      code: 'InternalFailure',
    },
    {
      name: "the service's own wrong secret (verified by the signature check)",
      status: 200,
      body: ALLOW,
      code: 'SignatureDoesNotMatch',
      credentials: { ...SERVICE_KEY, secretAccessKey: 'wrong' },
    },
  ];
  for (const f of failures) {
    test(`throws WardenAuthorizeError on ${f.name}`, async () => {
      reset(f.status, f.body);
      const client = new WardenAuthorizer({ endpoint, credentials: f.credentials ?? SERVICE_KEY });
      await assert.rejects(
        client.authorize({ request: REQUEST, action: 's3:PutObject', resource: '*' }),
        (e) => {
          assert.ok(e instanceof WardenAuthorizeError);
          assert.equal(e.code, f.code);
          return true;
        },
      );
    });
  }
});

describe('wardenAuthorization middleware', () => {
  let service: Server;
  let url: string;
  const passed: { body: string; principal: string | undefined }[] = [];

  before(async () => {
    const authorizer = new WardenAuthorizer({ endpoint, credentials: SERVICE_KEY });
    const mapRequest = (req: IncomingMessage) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      return path.startsWith('/logs/')
        ? { action: 's3:PutObject', resource: `arn:aws:s3:::${path.slice(1)}` }
        : undefined;
    };
    const middleware = wardenAuthorization(authorizer, mapRequest, { maxBodyBytes: 64 });
    service = createServer((req: AuthorizedRequest, res) => {
      middleware(req, res, (error?: unknown) => {
        if (error !== undefined)
          return void res.writeHead(502).end(error instanceof Error ? error.message : '');
        passed.push({
          body: req.warden?.body.toString('utf8') ?? '',
          principal: req.warden?.result.principal?.arn,
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => service.close(() => resolve())));

  const send = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${url}${path}`, {
      method: 'PUT',
      body,
      headers: { authorization: 'AWS4-HMAC-SHA256 x', ...headers },
    });

  const cases: {
    name: string;
    path?: string;
    body?: string;
    headers?: Record<string, string>;
    answer?: unknown;
    status: number;
    code?: string;
    forwardedHash?: string;
  }[] = [
    {
      name: 'Allow: next() with the body, the hash forwarded',
      headers: { 'x-amz-content-sha256': sha('hello') },
      status: 200,
      forwardedHash: sha('hello'),
    },
    { name: 'no x-amz-content-sha256: the body hash is forwarded', status: 200, forwardedHash: sha('hello') },
    {
      name: 'UNSIGNED-PAYLOAD is forwarded as signed',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      status: 200,
      forwardedHash: 'UNSIGNED-PAYLOAD',
    },
    {
      name: 'a signed hash of another body: XAmzContentSHA256Mismatch',
      headers: { 'x-amz-content-sha256': sha('other') },
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
    },
    {
      name: 'signed aws-chunked streaming: NotImplemented',
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' },
      status: 501,
      code: 'NotImplemented',
    },
    {
      name: 'a body over the limit: EntityTooLarge',
      body: 'x'.repeat(65),
      status: 413,
      code: 'EntityTooLarge',
    },
    {
      name: 'a request the service does not map: InvalidRequest',
      path: '/other/a',
      status: 400,
      code: 'InvalidRequest',
    },
    { name: 'a policy Deny: 403 AccessDenied', answer: DENY, status: 403, code: 'AccessDenied' },
    {
      name: "an authentication failure: 403 with the failure's code",
      answer: REFUSED,
      status: 403,
      code: 'ExpiredToken',
    },
  ];
  test("Warden refusing the service itself is the service's error: next(error), the client not let through", async () => {
    reset(403, { Error: { Code: 'AccessDenied', Message: 'no warden:AuthorizeRequest' }, RequestId: 'r' });
    passed.length = 0;
    const response = await send('/logs/a.log', 'hello', {});
    assert.equal(response.status, 502);
    assert.equal(await response.text(), 'AccessDenied: no warden:AuthorizeRequest');
    assert.deepEqual(passed, []);
  });

  for (const c of cases) {
    test(c.name, async () => {
      reset(200, c.answer ?? ALLOW);
      passed.length = 0;
      const body = c.body ?? 'hello';
      const response = await send(c.path ?? '/logs/app/a.log', body, c.headers ?? {});
      const text = await response.text();
      assert.equal(response.status, c.status, text);
      if (c.code !== undefined) {
        assert.match(
          text,
          new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error><Code>${c.code}</Code>`),
        );
        assert.deepEqual(passed, []);
      } else {
        assert.deepEqual(passed, [{ body, principal: ALLOW.Principal.Arn }]);
      }
      if (c.forwardedHash !== undefined) {
        const request = received[0]?.Request as {
          PayloadHash: string;
          SourceIp: string;
          SecureTransport: boolean;
        };
        assert.equal(request.PayloadHash, c.forwardedHash);
        assert.equal(request.SourceIp, '127.0.0.1');
        assert.equal(request.SecureTransport, false);
      }
    });
  }
});
