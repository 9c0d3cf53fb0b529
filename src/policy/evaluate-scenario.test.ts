/** The shared benchmark scenario as a test: all 1000 decisions must match the independent evaluator's. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScenario, OUTCOME } from '../../test/fixtures/policy-scenario/load.ts';
import { compilePolicyText, type CompiledPolicy } from './compile.ts';
import { evaluate } from './evaluate.ts';

test('the 1000 decisions of the benchmark scenario match the expected ones', () => {
  const scenario = loadScenario();
  const identity: CompiledPolicy[] = scenario.policies.map((text, i) => {
    const compiled = compilePolicyText(text, `policy-${i}`, 'identity');
    assert.ok(compiled.ok);
    return compiled.policy;
  });
  const mismatches: string[] = [];
  scenario.requests.forEach((request, i) => {
    for (const explain of [false, true]) {
      const decision = evaluate({ identity }, request, { explain });
      if (OUTCOME[decision.effect] !== scenario.expected[i]) {
        mismatches.push(
          `#${i} ${request.action} ${request.resource}: ${decision.effect}, explain=${explain}`,
        );
      }
      // The one Deny statement carries every explicit deny, allows name Allow statements, and the
      // requests carry every key the conditions use.
      const sids = decision.matched.map((m) => m.sid ?? '');
      if (decision.effect === 'ExplicitDeny') assert.deepEqual(sids, ['DenyProdDestructive']);
      if (decision.effect === 'Allow')
        assert.ok(sids.length > 0 && sids.every((sid) => /^P\dS\d$/.test(sid)));
      if (decision.effect === 'ImplicitDeny') assert.deepEqual(sids, []);
      assert.deepEqual(decision.missingContextKeys, []);
    }
  });
  assert.deepEqual(mismatches, []);
  const counts = scenario.expected.reduce<Record<string, number>>(
    (c, e) => ({ ...c, [e]: (c[e] ?? 0) + 1 }),
    {},
  );
  assert.deepEqual(counts, { Allowed: 400, ExplicitlyDenied: 115, ImplicitlyDenied: 485 });
});
