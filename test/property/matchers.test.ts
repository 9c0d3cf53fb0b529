// The engine's compiled wildcard and ARN matchers (specialised per pattern shape) agree with the
// naive recursive matchers on random patterns and subjects from a small alphabet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileArnPattern, compileGlob, matchArn, matchGlob } from '../../src/policy/index.ts';
import { arnMatch, globMatch, wildcardTokens } from '../reference/naive-glob.ts';

// Characters in the policy character set (U+0020-U+00FF): astral characters are out of scope.
const plain = fc.constantFrom('a', 'b', 'A', '/', '.', 'é');
const patternChar = fc.oneof(plain, fc.constantFrom('*', '?', '*'));
const text = (chars: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> =>
  fc.array(chars, { maxLength: max }).map((cs) => cs.join(''));

/** A subject derived from the pattern (wildcards filled in), so matches are frequent. */
const filled = (pattern: string): fc.Arbitrary<string> =>
  fc
    .array(text(plain, 3), { minLength: pattern.length, maxLength: pattern.length })
    .map((fills) =>
      [...pattern]
        .map((ch, i) =>
          ch === '*' ? (fills[i] ?? '') : ch === '?' ? (fills[i] ?? '').slice(0, 1) || 'a' : ch,
        )
        .join(''),
    );

const patternAndSubject = (pattern: fc.Arbitrary<string>, subject: fc.Arbitrary<string>) =>
  pattern.chain((p) => fc.tuple(fc.constant(p), fc.oneof(subject, filled(p))));

test('matchGlob agrees with the naive glob', () => {
  fc.assert(
    fc.property(patternAndSubject(text(patternChar, 10), text(plain, 10)), ([p, s]) => {
      assert.equal(matchGlob(compileGlob(p), s), globMatch(wildcardTokens(p), s, false), `${p} vs ${s}`);
    }),
    { numRuns: 500 },
  );
});

const fieldPattern = fc.oneof(fc.constantFrom('', '*', 'aws', 's3', 'us-*'), text(patternChar, 3));
const fieldValue = fc.oneof(fc.constantFrom('', 'aws', 's3', 'us-east-1'), text(plain, 3));
const resourcePattern = text(fc.oneof(patternChar, fc.constant(':')), 8);
const resourceValue = text(fc.oneof(plain, fc.constant(':')), 8);
const arn = (field: fc.Arbitrary<string>, resource: fc.Arbitrary<string>) =>
  fc.tuple(field, field, field, field, resource).map((parts) => `arn:${parts.join(':')}`);

test('matchArn agrees with the naive six-field ARN match', () => {
  fc.assert(
    fc.property(
      patternAndSubject(arn(fieldPattern, resourcePattern), arn(fieldValue, resourceValue)),
      ([p, s]) => {
        assert.equal(matchArn(compileArnPattern(p), s), arnMatch(wildcardTokens(p), s), `${p} vs ${s}`);
      },
    ),
    { numRuns: 500 },
  );
});
