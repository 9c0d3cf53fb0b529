// evaluate is total: any compilable policy set and any request (garbage context values included)
// yields a well-formed Decision and never throws, in both the fast and the explain mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePolicyText, evaluate } from '../../src/policy/index.ts';
import type { ContextValue, EvaluationRequest, PolicyKind } from '../../src/policy/types.ts';
import { validDocument } from './document-arbitraries.ts';
import { PRINCIPALS } from './request-arbitraries.ts';

const KEYS = [
  'aws:username',
  'aws:PrincipalTag/team',
  's3:prefix',
  'aws:MultiFactorAuthAge',
  'aws:CurrentTime',
  'aws:TokenIssueTime',
  'aws:SecureTransport',
  'aws:SourceIp',
  'aws:PrincipalArn',
  'aws:SourceArn',
  'aws:TagKeys',
  'dynamodb:Attributes',
];
const garbage = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    '::',
    '1e309',
    '-0',
    'NaN',
    '2020-13-45T99:99:99Z',
    '300.1.1.1/33',
    'arn:',
    '*',
    '${aws:username}',
  ),
);
const contextValue: fc.Arbitrary<ContextValue> = fc.oneof(garbage, fc.array(garbage, { maxLength: 3 }));
const context = fc.dictionary(fc.constantFrom(...KEYS), contextValue, { maxKeys: 6 });

const request: fc.Arbitrary<EvaluationRequest> = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.oneof(
    fc.constantFrom('s3:GetObject', 'iam:CreateUser', 'sts:AssumeRole'),
    fc.string({ maxLength: 12 }),
  ),
  resource: fc.oneof(
    fc.constantFrom('*', 'arn:aws:s3:::bucket', 'arn:aws:iam::111122223333:user/alice'),
    fc.string({ maxLength: 12 }),
  ),
  context,
});

const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'guardrail'];

test('evaluate never throws and returns a well-formed decision', () => {
  const policies = fc.tuple(...KINDS.map((k) => fc.option(validDocument(k), { nil: undefined })));
  fc.assert(
    fc.property(policies, request, (docs, req) => {
      const compiled = docs.map((doc, i) => {
        if (doc === undefined) return undefined;
        const kind = KINDS[i] ?? 'identity';
        const result = compilePolicyText(JSON.stringify(doc), `${kind}-0`, kind);
        assert.ok(result.ok);
        return result.policy;
      });
      const [identity, resource, trust, boundary, session, guardrail] = compiled;
      const set = {
        identity: identity ? [identity] : [],
        ...((resource ?? trust) && { resource: [resource, trust].filter((p) => p !== undefined) }),
        ...(boundary && { boundary: [boundary] }),
        ...(session && { session: [session] }),
        ...(guardrail && { guardrail: [guardrail] }),
      };
      for (const explain of [false, true]) {
        const d = evaluate(set, req, { explain });
        assert.ok(['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(d.effect));
        assert.ok(Array.isArray(d.matched) && Array.isArray(d.missingContextKeys));
      }
    }),
    { numRuns: 300 },
  );
});
