import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../../core/index.ts';
import { isReservedKey, parseAuthorizeInput } from './authorize-input.ts';

const HASH = 'A'.repeat(64);
const valid = {
  Request: {
    Method: 'PUT',
    Path: '/logs/a.log',
    Query: 'x-id=PutObject',
    Headers: { Host: 'svc', 'X-Amz-Date': '20261129T030000Z', 'x-multi': ['a', 'b'] },
    PayloadHash: HASH,
    SourceIp: '2001:db8::1',
    SecureTransport: true,
  },
  Action: 's3:PutObject',
  Resource: 'arn:aws:s3:::logs/a.log',
  Context: { 's3:x-amz-acl': 'private', 'aws:TagKeys': ['a', 'b'] },
  ResourcePolicy: '{}',
};

describe('parseAuthorizeInput', () => {
  test('a full body: header names lower-cased, the hex hash lower-cased, everything kept', () => {
    assert.deepEqual(parseAuthorizeInput(valid), {
      request: {
        method: 'PUT',
        path: '/logs/a.log',
        rawQuery: 'x-id=PutObject',
        headers: { host: 'svc', 'x-amz-date': '20261129T030000Z', 'x-multi': ['a', 'b'] },
        payloadHash: 'a'.repeat(64),
        sourceIp: '2001:db8::1',
        secureTransport: true,
      },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::logs/a.log',
      context: { 's3:x-amz-acl': 'private', 'aws:TagKeys': ['a', 'b'] },
      resourcePolicy: '{}',
    });
  });

  test('the least: no query, context, address or policy', () => {
    const { Query: _q, SourceIp: _s, SecureTransport: _t, ...request } = valid.Request;
    const parsed = parseAuthorizeInput({
      Request: { ...request, PayloadHash: 'UNSIGNED-PAYLOAD' },
      Action: 'sqs:SendMessage',
      Resource: '*',
    });
    assert.equal(parsed.request.rawQuery, '');
    assert.equal(parsed.request.payloadHash, 'UNSIGNED-PAYLOAD');
    assert.equal(parsed.request.secureTransport, false);
    assert.equal('sourceIp' in parsed.request, false);
    assert.deepEqual(parsed.context, {});
  });

  const refused: { name: string; body: unknown; problems: RegExp[] }[] = [
    { name: 'not an object', body: [1], problems: [/The body must be a JSON object/] },
    { name: 'no Request', body: { ...valid, Request: undefined }, problems: [/Request must be an object/] },
    {
      name: 'a wildcard action',
      body: { ...valid, Action: 's3:*' },
      problems: [/Action must be like 's3:PutObject'/],
    },
    {
      name: 'a resource that is no ARN',
      body: { ...valid, Resource: 'logs/a' },
      problems: [/Resource must be an ARN or \*/],
    },
    {
      name: 'a bad hash, path and address at once (all listed)',
      body: { ...valid, Request: { ...valid.Request, PayloadHash: 'abc', Path: 'x', SourceIp: 'here' } },
      problems: [
        /^3 validation error/,
        /Request.Path must be/,
        /PayloadHash must be/,
        /SourceIp must be an IP address/,
      ],
    },
    {
      name: 'a principal key in Context',
      body: { ...valid, Context: { 'aws:PrincipalTag/team': 'admins' } },
      problems: [/Context key aws:PrincipalTag\/team is set by Warden/],
    },
    {
      name: 'aws:SourceIp in Context (the address goes in Request.SourceIp)',
      body: { ...valid, Context: { 'AWS:SourceIP': '10.0.0.1' } },
      problems: [/Context key AWS:SourceIP is set by Warden/],
    },
    {
      name: 'a number in Context',
      body: { ...valid, Context: { 's3:max-keys': 5 } },
      problems: [/must be a string or a list/],
    },
    {
      name: 'a header of numbers',
      body: { ...valid, Request: { ...valid.Request, Headers: { a: 1 } } },
      problems: [/Headers.a must be/],
    },
    {
      name: 'a policy that is no string',
      body: { ...valid, ResourcePolicy: {} },
      problems: [/ResourcePolicy must be a string/],
    },
  ];
  for (const r of refused) {
    test(`refuses ${r.name} with one ValidationError`, () => {
      assert.throws(
        () => parseAuthorizeInput(r.body),
        (e: unknown) => {
          assert.ok(isWardenError(e) && e.code === 'ValidationError');
          for (const p of r.problems) assert.match(e.message, p);
          return true;
        },
      );
    });
  }
});

test('reserved keys: what Warden derives, in any case; service keys and resource tags are not', () => {
  const table: [string, boolean][] = [
    ['aws:PrincipalArn', true],
    ['aws:principaltag/team', true],
    ['aws:MultiFactorAuthPresent', true],
    ['aws:CurrentTime', true],
    ['aws:ResourceTag/team', false],
    ['aws:RequestTag/team', false],
    ['s3:prefix', false],
  ];
  for (const [key, reserved] of table) assert.equal(isReservedKey(key), reserved, key);
});
