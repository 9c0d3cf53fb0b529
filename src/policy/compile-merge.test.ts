import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScenario } from '../../test/fixtures/policy-scenario/load.ts';
import { compilePolicyText, type CompiledPolicy } from './compile.ts';
import { mergePolicies } from './compile-merge.ts';
import { evaluate } from './evaluate.ts';

test('merged policies decide exactly as the separate ones, matched statements included', () => {
  const scenario = loadScenario();
  const separate: CompiledPolicy[] = scenario.policies.map((text, i) => {
    const compiled = compilePolicyText(text, `policy-${i}`, 'identity');
    assert.ok(compiled.ok);
    return compiled.policy;
  });
  const merged = mergePolicies(separate);
  assert.equal(merged.kind, 'identity');
  assert.equal(merged.statements.length, 101);
  for (const request of scenario.requests) {
    for (const explain of [false, true]) {
      const a = evaluate({ identity: separate }, request, { explain });
      const b = evaluate({ identity: [merged] }, request, { explain });
      assert.deepEqual(b, a);
    }
  }
});
