// The compiled evaluator agrees with the naive reference evaluator on random policy sets and
// requests. A counterexample is saved under seeds/ (replayed by seeds-replay.test.ts) before failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { disagreements, saveSeed } from './agreement.ts';
import { request, scenario } from './request-arbitraries.ts';
import { validDocument } from './document-arbitraries.ts';
import type { NaivePolicySet } from '../reference/naive-evaluator.ts';

test('compiled evaluator agrees with the naive reference evaluator', () => {
  const details = fc.check(
    fc.property(scenario, ([set, req]) => disagreements(set, req).length === 0),
    { numRuns: 500 },
  );
  if (!details.failed || details.counterexample === null) return;
  const [[set, req]] = details.counterexample;
  const problems = disagreements(set, req);
  const name = saveSeed({
    note: `fast-check seed ${details.seed}: ${problems.join('; ')}`,
    policies: set,
    request: req,
  });
  assert.fail(`engine and oracle disagree (saved as seeds/${name}): ${problems.join('; ')}`);
});

// Grammar-generated documents (every operator family, JSON number/boolean values, single-object
// Statement, old versions) exercise shapes the request-oriented pools above do not.
const grammarSet = fc
  .record({
    identity: fc.array(validDocument('identity'), { maxLength: 2 }),
    resource: fc.option(fc.array(validDocument('resource'), { minLength: 1, maxLength: 2 }), {
      nil: undefined,
    }),
    boundary: fc.option(validDocument('boundary'), { nil: undefined }),
    session: fc.option(validDocument('session'), { nil: undefined }),
  })
  .map((r) => {
    const inputs = (kind: string, docs: readonly object[]) =>
      docs.map((d, i) => ({ id: `${kind}-${i}`, document: JSON.stringify(d) }));
    const set: NaivePolicySet = {
      identity: inputs('identity', r.identity),
      ...(r.resource && { resource: inputs('resource', r.resource) }),
      ...(r.boundary && { boundary: inputs('boundary', [r.boundary]) }),
      ...(r.session && { session: inputs('session', [r.session]) }),
    };
    return set;
  });

test('compiled evaluator agrees with the oracle on grammar-generated documents', () => {
  const details = fc.check(
    fc.property(grammarSet, request, (set, req) => {
      if (req.principal.type === 'Account' || req.principal.type === 'Service') return true;
      return disagreements(set, req).length === 0;
    }),
    { numRuns: 200 },
  );
  if (!details.failed || details.counterexample === null) return;
  const [set, req] = details.counterexample;
  const problems = disagreements(set, req);
  const name = saveSeed({
    note: `fast-check seed ${details.seed}: ${problems.join('; ')}`,
    policies: set,
    request: req,
  });
  assert.fail(`engine and oracle disagree (saved as seeds/${name}): ${problems.join('; ')}`);
});
