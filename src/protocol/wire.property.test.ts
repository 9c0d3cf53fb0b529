/** Property tests: hostile input never escapes as anything but a WardenError; encodings round-trip. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WardenError } from '../core/index.ts';
import { decodeInput } from './decode-input.ts';
import { serviceModel, type ServiceName } from './model.ts';
import { escapeText } from './xml.ts';
import { canonicalQuery } from './sigv4/canonical-request.ts';
import { encodeBytes, percentDecode } from './sigv4/uri-encode.ts';

const actions = (service: ServiceName) =>
  [...serviceModel(service).operations.keys()].map((a) => [service, a] as const);
const allActions = [...actions('iam'), ...actions('sts')];

/** Keys shaped like real ones (members, `.member.N`, `.entry.N.key`) mixed with junk. */
const keyPart = fc.oneof(
  fc.constantFrom(
    'UserName',
    'Tags',
    'member',
    'entry',
    'key',
    'value',
    'Key',
    'Value',
    'MaxItems',
    'ContextEntries',
    'ContextKeyValues',
    'PolicyArns',
    'arn',
    'DurationSeconds',
    '1',
    '2',
    '0',
    '-1',
    '999999999999',
  ),
  fc.string({ maxLength: 6 }),
);
const paramKey = fc.array(keyPart, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.'));
const paramValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', 'true', 'false', '1', '1001', '-5', '2015-01-01T00:00:00Z', '%FF'),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

test('decodeInput throws nothing but WardenError, whatever the parameters', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...allActions),
      fc.array(fc.tuple(paramKey, paramValue), { maxLength: 12 }),
      ([service, action], pairs) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        try {
          decodeInput(service, action, params);
        } catch (e) {
          assert.ok(e instanceof WardenError, `${action}: ${String(e)}`);
        }
      },
    ),
    { numRuns: 3000 },
  );
});

test('decodeInput survives raw bodies with arbitrary bytes', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom(...allActions),
      (bytes, [service, action]) => {
        try {
          decodeInput(service, action, new URLSearchParams(Buffer.from(bytes).toString('utf8')));
        } catch (e) {
          assert.ok(e instanceof WardenError);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

const unescape = (xml: string) =>
  xml.replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('escaped text has no markup and unescapes to the original (for XML-representable text)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
      const escaped = escapeText(text);
      assert.doesNotMatch(escaped, /[<>\r]|&(?!amp;|lt;|gt;|#13;)/);
      // eslint-disable-next-line no-control-regex -- the characters XML cannot carry
      if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(text))
        assert.equal(unescape(escaped), text);
    }),
  );
});

test('percent-decoding undoes RFC 3986 encoding byte for byte', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      assert.deepEqual(Buffer.from(percentDecode(encodeBytes(bytes), true)), Buffer.from(bytes));
    }),
  );
});

test('the canonical query does not depend on parameter order or on the encoder used', () => {
  const pair = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }));
  fc.assert(
    fc.property(fc.array(pair, { maxLength: 8 }), fc.integer(), (pairs, seed) => {
      const rfc = pairs.map(([k, v]) => `${encodeBytes(Buffer.from(k))}=${encodeBytes(Buffer.from(v))}`);
      const form = new URLSearchParams(pairs)
        .toString()
        .split('&')
        .filter((p) => p !== '');
      const shuffled = [...rfc].sort(() => (seed % 3) - 1);
      assert.equal(canonicalQuery(shuffled.join('&')), canonicalQuery(rfc.join('&')));
      assert.equal(canonicalQuery(form.join('&')), canonicalQuery(rfc.join('&')));
    }),
  );
});
