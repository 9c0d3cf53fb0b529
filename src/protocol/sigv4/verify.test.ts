import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { WardenError } from '../../core/index.ts';
import { createSigV4Verifier, hasAuthentication, verifySignature, type SignedRequest } from './verify.ts';
import { presignUrl, signRequest } from './sign.ts';
import { uriEncode } from './uri-encode.ts';

const AKID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SIGNED_AT = new Date('2026-11-28T10:00:00Z');
const HOST = '127.0.0.1:8642';
const BODY = 'Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fa%20b%2F';
const lookup = (id: string) => Promise.resolve(id === AKID ? SECRET : undefined);

interface SmithyOptions {
  region?: string;
  service?: string;
  body?: string;
  applyChecksum?: boolean;
  sessionToken?: string;
  at?: Date;
}

/** A POST signed exactly as the JS SDK signs it, turned into what node:http hands the server. */
async function smithySigned(o: SmithyOptions = {}): Promise<SignedRequest> {
  const body = o.body ?? BODY;
  const signer = new SignatureV4({
    service: o.service ?? 'iam',
    region: o.region ?? 'us-east-1',
    sha256: Sha256,
    applyChecksum: o.applyChecksum ?? true,
    credentials: {
      accessKeyId: AKID,
      secretAccessKey: SECRET,
      ...(o.sessionToken === undefined ? {} : { sessionToken: o.sessionToken }),
    },
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 8642,
    path: '/',
    headers: {
      host: HOST,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      'amz-sdk-invocation-id': 'b0b0b0b0-0000-4000-8000-000000000000',
      'user-agent': 'aws-sdk-js/3',
    },
    body,
  });
  const signed = await signer.sign(request, { signingDate: o.at ?? SIGNED_AT });
  return { method: 'POST', path: '/', rawQuery: '', headers: lower(signed.headers), body: Buffer.from(body) };
}

const lower = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/** A presigned GET as the JS SDK's presigner builds it. */
async function smithyPresigned(
  expiresIn = 900,
  params: Record<string, string> = { Action: 'GetCallerIdentity', Version: '2011-06-15' },
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: 'sts',
    region: 'us-east-1',
    sha256: Sha256,
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 8642,
    path: '/',
    headers: { host: HOST },
    query: params,
  });
  const signed = await signer.presign(request, { signingDate: SIGNED_AT, expiresIn });
  const rawQuery = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(String(v))}`)
    .join('&');
  return {
    method: 'GET',
    path: '/',
    rawQuery,
    headers: { host: HOST, 'user-agent': 'curl/8' },
    body: new Uint8Array(),
  };
}

/** The error verification fails with, as [code, message]. */
async function failure(req: SignedRequest, now = SIGNED_AT): Promise<[string, string]> {
  try {
    await verifySignature(req, lookup, now);
  } catch (e) {
    assert.ok(e instanceof WardenError, String(e));
    return [e.code, e.message];
  }
  assert.fail('verified, but should not have');
}

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

test('requests signed by @smithy/signature-v4 verify (with and without x-amz-content-sha256)', async () => {
  for (const applyChecksum of [true, false]) {
    const req = await smithySigned({ applyChecksum, region: 'eu-west-1' });
    assert.equal(req.headers['x-amz-content-sha256'] !== undefined, applyChecksum);
    const verified = await verifySignature(req, lookup, new Date(SIGNED_AT.getTime() + 14 * 60_000));
    assert.deepEqual(verified, {
      accessKeyId: AKID,
      region: 'eu-west-1',
      service: 'iam',
      signedAt: SIGNED_AT,
      presigned: false,
    });
  }
});

test('the session token comes back, and sts scope is accepted', async () => {
  const verified = await verifySignature(
    await smithySigned({ service: 'sts', sessionToken: 'FwoGZXIvYXdzEXAMPLE' }),
    lookup,
    SIGNED_AT,
  );
  assert.equal(verified.service, 'sts');
  assert.equal(verified.securityToken, 'FwoGZXIvYXdzEXAMPLE');
});

test('presigned requests verify, including a presigned GetCallerIdentity GET', async () => {
  const verified = await verifySignature(
    await smithyPresigned(),
    lookup,
    new Date(SIGNED_AT.getTime() + 60_000),
  );
  assert.deepEqual(verified, {
    accessKeyId: AKID,
    region: 'us-east-1',
    service: 'sts',
    signedAt: SIGNED_AT,
    presigned: true,
  });
});

test('any change to what was signed fails with the right code', async () => {
  const base = await smithySigned();
  const auth = base.headers.authorization as string;
  const cases: [string, SignedRequest, string][] = [
    ['body', { ...base, body: Buffer.from(BODY.replace('ListUsers', 'ListRoles')) }, 'SignatureDoesNotMatch'],
    [
      'signed header',
      { ...base, headers: { ...base.headers, 'content-type': 'text/plain' } },
      'SignatureDoesNotMatch',
    ],
    [
      'date',
      { ...base, headers: { ...base.headers, 'x-amz-date': '20261128T100500Z' } },
      'SignatureDoesNotMatch',
    ],
    [
      'region in the scope',
      { ...base, headers: { ...base.headers, authorization: auth.replace('/us-east-1/', '/us-west-2/') } },
      'SignatureDoesNotMatch',
    ],
    [
      'access key id',
      { ...base, headers: { ...base.headers, authorization: auth.replace(AKID, 'AKIAUNKNOWNUNKNOWN00') } },
      'InvalidClientTokenId',
    ],
    ['host', { ...base, headers: { ...base.headers, host: 'warden.example:8642' } }, 'SignatureDoesNotMatch'],
    ['method', { ...base, method: 'PUT' }, 'SignatureDoesNotMatch'],
    ['query added', { ...base, rawQuery: 'Action=DeleteUser' }, 'SignatureDoesNotMatch'],
    [
      'signature',
      {
        ...base,
        headers: { ...base.headers, authorization: auth.replace(/Signature=.{4}/, 'Signature=0000') },
      },
      'SignatureDoesNotMatch',
    ],
    [
      'content hash header',
      {
        ...base,
        headers: { ...base.headers, 'x-amz-content-sha256': createHash('sha256').update('x').digest('hex') },
      },
      'SignatureDoesNotMatch',
    ],
  ];
  for (const [name, req, code] of cases) assert.equal((await failure(req))[0], code, name);
  const [, message] = await failure(cases[0]?.[1] ?? base);
  assert.equal(message, MISMATCH);
  assert.deepEqual(await failure(cases[4]?.[1] ?? base), [
    'InvalidClientTokenId',
    'The security token included in the request is invalid.',
  ]);
});

test('the wrong secret fails with SignatureDoesNotMatch', async () => {
  const req = await smithySigned();
  await assert.rejects(
    verifySignature(req, () => Promise.resolve(SECRET.replace('K7', 'K8')), SIGNED_AT),
    { code: 'SignatureDoesNotMatch', message: MISMATCH },
  );
});

test('an unsigned header may change freely', async () => {
  const req = await smithySigned();
  assert.ok(!(req.headers.authorization as string).includes('user-agent'));
  await verifySignature(
    { ...req, headers: { ...req.headers, 'user-agent': 'something else', 'x-forwarded-for': '10.0.0.1' } },
    lookup,
    SIGNED_AT,
  );
});

test('clock skew beyond 15 minutes fails with AWS texts', async () => {
  const req = await smithySigned();
  const at = (ms: number) => new Date(SIGNED_AT.getTime() + ms);
  assert.deepEqual(await failure(req, at(16 * 60_000)), [
    'SignatureDoesNotMatch',
    'Signature expired: 20261128T100000Z is now earlier than 20261128T100100Z (20261128T101600Z - 15 min.)',
  ]);
  assert.deepEqual(await failure(req, at(-(15 * 60_000 + 1000))), [
    'SignatureDoesNotMatch',
    'Signature not yet current: 20261128T100000Z is still later than 20261128T095959Z (20261128T094459Z + 15 min.)',
  ]);
  await verifySignature(req, lookup, at(15 * 60_000));
  await verifySignature(req, lookup, at(-15 * 60_000));
});

test('presigned requests expire per X-Amz-Expires, and never later than 15 minutes', async () => {
  const short = await smithyPresigned(60);
  await verifySignature(short, lookup, new Date(SIGNED_AT.getTime() + 60_000));
  assert.deepEqual(await failure(short, new Date(SIGNED_AT.getTime() + 61_000)), [
    'SignatureDoesNotMatch',
    'Signature expired: 20261128T100000Z is now earlier than 20261128T100001Z (20261128T100101Z - 1 min.)',
  ]);
  const long = await smithyPresigned(3600);
  assert.equal(
    (await failure(long, new Date(SIGNED_AT.getTime() + 16 * 60_000)))[0],
    'SignatureDoesNotMatch',
  );
  const tampered = { ...long, rawQuery: long.rawQuery.replace('GetCallerIdentity', 'GetSessionToken') };
  assert.deepEqual(await failure(tampered), ['SignatureDoesNotMatch', MISMATCH]);
});

test('malformed Authorization headers give IncompleteSignature with AWS-like texts', async () => {
  const base = await smithySigned();
  const cred = `${AKID}/20261128/us-east-1/iam/aws4_request`;
  const sig = 'Signature=' + 'a'.repeat(64);
  const cases: [string, string][] = [
    [
      `AWS4-HMAC-SHA256 Credential=${cred}, SignedHeaders=host;x-amz-date`,
      `Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=${cred}, SignedHeaders=host;x-amz-date`,
    ],
    [
      'Bearer abc',
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=Bearer abc",
    ],
    [
      `AWS4-HMAC-SHA256 ${cred}, SignedHeaders=host;x-amz-date, ${sig}`,
      `'${cred}' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 ${cred}, SignedHeaders=host;x-amz-date, ${sig}'`,
    ],
    [
      `AWS4-HMAC-SHA256 Credential=${AKID}/20261128/us-east-1, SignedHeaders=host;x-amz-date, ${sig}`,
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${AKID}/20261128/us-east-1'`,
    ],
  ];
  for (const [authorization, message] of cases) {
    assert.deepEqual(
      await failure({ ...base, headers: { ...base.headers, authorization } }),
      ['IncompleteSignature', message],
      authorization,
    );
  }
  const noDate = { ...base.headers };
  delete noDate['x-amz-date'];
  const [code, message] = await failure({ ...base, headers: noDate });
  assert.equal(code, 'IncompleteSignature');
  assert.match(
    message,
    /^Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header\. Authorization=AWS4-HMAC-SHA256 /,
  );
  assert.deepEqual(
    await failure({ ...base, headers: { ...base.headers, 'x-amz-date': '2026-11-28T10:00:00Z' } }),
    [
      'IncompleteSignature',
      "Date must be in ISO-8601 'basic format'. Got '2026-11-28T10:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    ],
  );
});

test('credential scope faults are SignatureDoesNotMatch with AWS texts', async () => {
  const base = await smithySigned();
  const auth = base.headers.authorization as string;
  const withAuth = (a: string): SignedRequest => ({
    ...base,
    headers: { ...base.headers, authorization: a },
  });
  const cases: [SignedRequest, string][] = [
    [withAuth(auth.replace('/iam/', '/s3/')), "Credential should be scoped to correct service: 'iam'. "],
    [
      withAuth(auth.replace('aws4_request', 'aws5_request')),
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
    ],
    [
      withAuth(auth.replace('/20261128/', '/20261127/')),
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261127' != '20261128', from '20261128T100000Z'.",
    ],
    [
      withAuth(auth.replace('SignedHeaders=', 'SignedHeaders=x-').replace(';host;', ';')),
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    ],
  ];
  for (const [req, message] of cases)
    assert.deepEqual(await failure(req), ['SignatureDoesNotMatch', message]);
  const sts = await smithySigned({ body: 'Action=GetCallerIdentity&Version=2011-06-15', service: 'sts' });
  const stsAuth = sts.headers.authorization as string;
  assert.deepEqual(
    await failure({ ...sts, headers: { ...sts.headers, authorization: stsAuth.replace('/sts/', '/ec2/') } }),
    ['SignatureDoesNotMatch', "Credential should be scoped to correct service: 'sts'. "],
  );
});

test('no authentication at all is MissingAuthenticationToken', async () => {
  const req: SignedRequest = {
    method: 'POST',
    path: '/',
    rawQuery: '',
    headers: { host: HOST },
    body: Buffer.from(BODY),
  };
  assert.equal(hasAuthentication(req), false);
  assert.deepEqual(await failure(req), [
    'MissingAuthenticationToken',
    'Request is missing Authentication Token',
  ]);
  assert.equal(
    hasAuthentication({ headers: {}, rawQuery: 'Action=GetCallerIdentity&X-Amz-Credential=x' }),
    true,
  );
  assert.equal(hasAuthentication({ headers: { authorization: 'x' }, rawQuery: '' }), true);
  const [code, message] = await failure({
    ...req,
    rawQuery: 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a',
  });
  assert.equal(code, 'IncompleteSignature');
  assert.equal(
    message,
    "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.",
  );
});

test('our own signRequest and presignUrl output verifies', async () => {
  const headers = signRequest({
    method: 'POST',
    headers: { Host: HOST, 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: BODY,
    region: 'cn-north-1',
    service: 'iam',
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: 'tok' },
    now: SIGNED_AT,
    contentSha256: true,
  });
  const verified = await verifySignature(
    { method: 'POST', path: '/', rawQuery: '', headers, body: Buffer.from(BODY) },
    lookup,
    SIGNED_AT,
  );
  assert.equal(verified.region, 'cn-north-1');
  assert.equal(verified.securityToken, 'tok');
  const rawQuery = presignUrl({
    host: HOST,
    params: { Action: 'GetCallerIdentity', Version: '2011-06-15', Odd: 'a b+c/é' },
    region: 'us-east-1',
    service: 'sts',
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
    now: SIGNED_AT,
  });
  const presigned = await verifySignature(
    { method: 'GET', path: '/', rawQuery, headers: { host: HOST }, body: new Uint8Array() },
    lookup,
    SIGNED_AT,
  );
  assert.equal(presigned.presigned, true);
  assert.equal(new URLSearchParams(rawQuery).get('Odd'), 'a b+c/é');
});

test('a botocore-style request built by hand from the spec recipe verifies', async () => {
  // botocore: no x-amz-content-sha256 header; signs content-type;host;x-amz-date; form body with `+`.
  const body =
    'Action=CreateUser&Version=2010-05-08&UserName=bob&Tags.member.1.Key=k1&Tags.member.1.Value=v+1%2B2';
  const amzDate = '20261128T100000Z';
  const contentType = 'application/x-www-form-urlencoded; charset=utf-8';
  const hex = (data: string) => createHash('sha256').update(data).digest('hex');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:${contentType}`,
    `host:${HOST}`,
    `x-amz-date:${amzDate}`,
    '',
    'content-type;host;x-amz-date',
    hex(body),
  ].join('\n');
  const scope = '20261128/eu-central-1/iam/aws4_request';
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, '20261128'), 'eu-central-1'), 'iam'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const headers = {
    host: HOST,
    'content-type': `  ${contentType}`, // leading spaces are trimmed in canonical form
    'x-amz-date': amzDate,
    'user-agent': 'aws-cli/1.45.11',
    authorization: `AWS4-HMAC-SHA256 Credential=${AKID}/${scope}, SignedHeaders=content-type;host;x-amz-date, Signature=${signature}`,
  };
  const verified = await verifySignature(
    { method: 'POST', path: '/', rawQuery: '', headers, body: Buffer.from(body) },
    lookup,
    SIGNED_AT,
  );
  assert.equal(verified.region, 'eu-central-1');
});

test('the caching verifier gives the same answers', async () => {
  const verifier = createSigV4Verifier({ cacheSize: 2 });
  const req = await smithySigned();
  for (let i = 0; i < 3; i++) await verifier.verify(req, lookup, SIGNED_AT);
  await verifier.verify(await smithySigned({ region: 'a-1' }), lookup, SIGNED_AT);
  await verifier.verify(await smithySigned({ region: 'b-1' }), lookup, SIGNED_AT);
  await verifier.verify(req, lookup, SIGNED_AT);
  await assert.rejects(
    verifier.verify(req, () => Promise.resolve('other'), SIGNED_AT),
    { code: 'SignatureDoesNotMatch' },
  );
});

test('a Date header may carry the time instead of X-Amz-Date, and must then be signed', async () => {
  const httpDate = 'Sat, 28 Nov 2026 10:00:00 GMT';
  const hex = (data: string) => createHash('sha256').update(data).digest('hex');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const canonical = ['POST', '/', '', `date:${httpDate}`, `host:${HOST}`, '', 'date;host', hex(BODY)].join(
    '\n',
  );
  const scope = '20261128/us-east-1/iam/aws4_request';
  const toSign = ['AWS4-HMAC-SHA256', '20261128T100000Z', scope, hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, '20261128'), 'us-east-1'), 'iam'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const authorization = `AWS4-HMAC-SHA256 Credential=${AKID}/${scope}, SignedHeaders=date;host, Signature=${signature}`;
  const req: SignedRequest = {
    method: 'POST',
    path: '/',
    rawQuery: '',
    headers: { host: HOST, date: httpDate, authorization },
    body: Buffer.from(BODY),
  };
  assert.deepEqual((await verifySignature(req, lookup, SIGNED_AT)).signedAt, SIGNED_AT);
  const unsigned = {
    ...req,
    headers: { ...req.headers, authorization: authorization.replace('date;host', 'host') },
  };
  assert.deepEqual(await failure(unsigned), [
    'IncompleteSignature',
    'The request signature does not conform to AWS standards. Header(s) not signed: date.',
  ]);
});

test('impossible X-Amz-Date values are refused', async () => {
  const base = await smithySigned();
  for (const date of ['20261340T100000Z', '20261128T250000Z', '20261128T100000', 'now']) {
    const [code] = await failure({ ...base, headers: { ...base.headers, 'x-amz-date': date } });
    assert.equal(code, 'IncompleteSignature', date);
  }
});
