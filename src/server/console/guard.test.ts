import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import { clearedCookie, isSecure, sessionCookie, sessionTokenOf } from './cookies.ts';
import { crossSiteReason, csrfTokenMatches, isJson } from './guard.ts';

const request = (headers: Record<string, string>, encrypted = false) =>
  ({ headers, socket: encrypted ? { encrypted: true } : {} }) as unknown as IncomingMessage;

describe('console cookies and CSRF checks', () => {
  test('over TLS the cookie is Secure with the __Host- prefix; over HTTP plain; both HttpOnly and Strict', () => {
    assert.equal(
      sessionCookie('tok', true, 3600),
      '__Host-warden-console=tok; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=3600',
    );
    assert.equal(
      sessionCookie('tok', false, 10.7),
      'warden-console=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=10',
    );
    assert.match(clearedCookie(false), /^warden-console=; .*Max-Age=0$/);
    assert.equal(isSecure(request({}, true), false), true);
    assert.equal(isSecure(request({}), false), false);
    assert.equal(isSecure(request({}), true), true, 'WARDEN_CONSOLE_SECURE_COOKIES behind a TLS proxy');
  });

  test('the token is read from its own cookie only', () => {
    const req = request({ cookie: 'other=1; warden-console=abc ; __Host-warden-console=def' });
    assert.equal(sessionTokenOf(req, false), 'abc');
    assert.equal(sessionTokenOf(req, true), 'def');
    assert.equal(sessionTokenOf(request({}), false), undefined);
  });

  test('Origin and Sec-Fetch-Site: same origin (or none: not a browser page) passes', () => {
    const host = { host: 'warden.example:8642' };
    assert.equal(crossSiteReason(request(host), false), undefined);
    assert.equal(
      crossSiteReason(request({ ...host, origin: 'http://warden.example:8642' }), false),
      undefined,
    );
    assert.match(
      crossSiteReason(request({ ...host, origin: 'http://warden.example:8642' }), true) ?? '',
      /is not https/,
    );
    assert.match(crossSiteReason(request({ ...host, origin: 'null' }), false) ?? '', /Origin null/);
    assert.equal(crossSiteReason(request({ ...host, 'sec-fetch-site': 'none' }), false), undefined);
    assert.match(
      crossSiteReason(request({ ...host, 'sec-fetch-site': 'same-site' }), false) ?? '',
      /same-site/,
    );
  });

  test('JSON content type and the CSRF header', () => {
    assert.equal(isJson(request({ 'content-type': 'application/json; charset=utf-8' })), true);
    assert.equal(isJson(request({ 'content-type': 'application/jsonp' })), false);
    assert.equal(isJson(request({ 'content-type': 'text/plain' })), false);
    assert.equal(csrfTokenMatches(request({ 'x-csrf-token': 'abc' }), 'abc'), true);
    assert.equal(csrfTokenMatches(request({ 'x-csrf-token': 'abd' }), 'abc'), false);
    assert.equal(csrfTokenMatches(request({}), 'abc'), false);
  });
});
