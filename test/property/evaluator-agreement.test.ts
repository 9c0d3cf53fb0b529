// The compiled evaluator agrees with the naive reference evaluator on random policy sets and
// requests. A counterexample is saved under seeds/ (replayed by seeds-replay.test.ts) before failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { disagreements, saveSeed } from './agreement.ts';
import { scenario } from './request-arbitraries.ts';

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
