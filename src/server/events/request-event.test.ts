import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { claimedKeyId, consoleEventName } from './request-event.ts';

const request = (headers: Record<string, string>, url = '/'): IncomingMessage =>
  ({ headers, url }) as unknown as IncomingMessage;

test('the access key id a refused request claimed: the key id only', () => {
  const header =
    'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE123/20260301/us-east-1/iam/aws4_request, ' +
    'SignedHeaders=host;x-amz-date, Signature=0123456789abcdef';
  const cases: [IncomingMessage, string | undefined][] = [
    [request({ authorization: header }), 'AKIAEXAMPLE123'],
    [
      request(
        {},
        '/?Action=GetUser&X-Amz-Credential=ASIAEXAMPLE%2F20260301%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Signature=ff',
      ),
      'ASIAEXAMPLE',
    ],
    [request({ authorization: 'Bearer token-value' }), undefined],
    [request({}), undefined],
  ];
  for (const [req, expected] of cases) assert.equal(claimedKeyId(req), expected);
});

test('console routes are named as events', () => {
  assert.deepEqual(consoleEventName('POST sign-in'), {
    kind: 'console-sign-in',
    service: 'signin',
    action: 'ConsoleLogin',
  });
  assert.equal(consoleEventName('GET nowhere').kind, 'console');
});
