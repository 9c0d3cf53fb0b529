import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { verifySignature } from './verify.ts';

/**
 * Requests verified on another service's behalf (the authorization API): S3 signs its path as sent
 * (no normalisation, no second encoding) and the payload hash comes from the service, not a body.
 */
const AKID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const AT = new Date('2026-11-28T10:00:00Z');
const lookup = (id: string) => Promise.resolve(id === AKID ? SECRET : undefined);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Signed as @aws-sdk/client-s3 signs (uriEscapePath false, x-amz-content-sha256 signed). */
async function s3Signed(path: string, body: string, payloadHeader = sha(body)) {
  const signer = new SignatureV4({
    service: 's3',
    region: 'eu-west-1',
    sha256: Sha256,
    uriEscapePath: false,
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
  });
  const request = new HttpRequest({
    method: 'PUT',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 9000,
    path,
    query: { 'x-id': 'PutObject' },
    headers: { host: '127.0.0.1:9000', 'x-amz-content-sha256': payloadHeader },
    body,
  });
  const signed = await signer.sign(request, { signingDate: AT });
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'PUT', path, rawQuery: 'x-id=PutObject', headers, body: new Uint8Array() };
}

const cases: { name: string; path: string; header?: string }[] = [
  { name: 'a plain key', path: '/logs/app/today.log' },
  { name: 'an encoded key (not encoded twice)', path: '/logs/a%20b/c%2Bd.log' },
  { name: 'empty segments kept (not normalised)', path: '/logs//double/./dot.log' },
  { name: 'an unsigned payload', path: '/logs/u.log', header: 'UNSIGNED-PAYLOAD' },
];

for (const c of cases) {
  test(`s3: ${c.name} verifies with the service's payload hash`, async () => {
    const body = 'line one\nline two\n';
    const req = await s3Signed(c.path, body, c.header);
    const verified = await verifySignature(req, lookup, AT, {
      services: ['s3'],
      payloadHash: c.header ?? sha(body),
    });
    assert.equal(verified.service, 's3');
    assert.equal(verified.region, 'eu-west-1');
  });
}

test('s3: another payload hash than the one signed does not verify', async () => {
  const req = await s3Signed('/logs/x.log', 'the real body');
  await assert.rejects(verifySignature(req, lookup, AT, { services: ['s3'], payloadHash: sha('other') }), {
    code: 'SignatureDoesNotMatch',
  });
});

test('s3: a path changed after signing does not verify', async () => {
  const req = await s3Signed('/logs/x.log', 'body');
  await assert.rejects(
    verifySignature({ ...req, path: '/logs/y.log' }, lookup, AT, {
      services: ['s3'],
      payloadHash: sha('body'),
    }),
    { code: 'SignatureDoesNotMatch' },
  );
});
