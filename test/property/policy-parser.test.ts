// Properties of parsing and validation: never throw, and valid documents validate clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePolicy, validatePolicy } from '../../src/policy/index.ts';
import type { Diagnostic, PolicyKind } from '../../src/policy/types.ts';
import { validDocument } from './document-arbitraries.ts';

const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'guardrail'];
const RUNS = { numRuns: 300 };

function assertWellFormed(text: string, kind: PolicyKind): void {
  const result = parsePolicy(text, kind);
  assert.ok(result.document !== undefined || result.diagnostics.some((d) => d.severity === 'error'));
  for (const d of result.diagnostics) assertDiagnostic(d);
}

function assertDiagnostic(d: Diagnostic): void {
  assert.equal(typeof d.code, 'string');
  assert.equal(typeof d.message, 'string');
  assert.ok(d.message.length > 0);
  assert.equal(typeof d.pointer, 'string');
  assert.ok(d.pointer === '' || d.pointer.startsWith('/'), `pointer ${d.pointer}`);
}

const kind = fc.constantFrom(...KINDS);

test('parsePolicy never throws on arbitrary strings', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), kind, assertWellFormed), RUNS);
});

test('parsePolicy never throws on arbitrary JSON values', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), kind, (v, k) => assertWellFormed(JSON.stringify(v), k)),
    RUNS,
  );
});

test('parsePolicy never throws on policy-shaped JSON with wrong types', () => {
  const anyValue = fc.jsonValue({ maxDepth: 3 });
  const shaped = fc.record(
    {
      Version: anyValue,
      Statement: fc.oneof(
        anyValue,
        fc.array(
          fc.dictionary(
            fc.constantFrom(
              'Sid',
              'Effect',
              'Action',
              'NotAction',
              'Resource',
              'NotResource',
              'Principal',
              'NotPrincipal',
              'Condition',
            ),
            anyValue,
          ),
        ),
      ),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(shaped, kind, (v, k) => assertWellFormed(JSON.stringify(v), k)),
    RUNS,
  );
});

test('parsePolicy never throws on truncated or spliced policy text', () => {
  const doc = validDocument('identity').map((d) => JSON.stringify(d, null, 1));
  fc.assert(
    fc.property(doc, fc.nat(), fc.nat(), fc.string({ maxLength: 5 }), kind, (text, a, b, junk, k) => {
      const i = a % (text.length + 1);
      const j = b % (text.length + 1);
      assertWellFormed(text.slice(0, i), k);
      assertWellFormed(text.slice(0, Math.min(i, j)) + junk + text.slice(Math.max(i, j)), k);
    }),
    RUNS,
  );
});

test('parsePolicy survives deep nesting, huge strings and duplicate keys', () => {
  const cases = [
    '['.repeat(100_000),
    '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
    `{"Version":"2012-10-17","Statement":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'x'.repeat(2_000_000), Resource: '*' },
    }),
    '"' + 'a'.repeat(1_000_000),
    '{"Version":"2012-10-17","Version":"2012-10-17","Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a:b":"1"},"StringEquals":{"a:b":"2"}}}]}',
    '',
    '\uFEFF{}',
    'null',
    '{"Statement":[]}',
    '\u0000',
  ];
  for (const text of cases) for (const k of KINDS) assertWellFormed(text, k);
});

for (const k of KINDS) {
  test(`validatePolicy: generated valid ${k} documents have no errors`, () => {
    fc.assert(
      fc.property(validDocument(k), (doc) => {
        const text = JSON.stringify(doc);
        const result = validatePolicy(text, k);
        assert.deepEqual(
          result.errors.map((e) => `${e.code} ${e.pointer}: ${e.message}`),
          [],
          text,
        );
        assert.ok(result.document !== undefined);
      }),
      { numRuns: 200 },
    );
  });
}
