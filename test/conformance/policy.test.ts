// The policy conformance corpus (test/conformance/policy/*.cases.json) run against the engine:
// each case's policies are compiled once, then evaluated twice (fast path and `explain`), and both
// must give the expected effect and deciding kind; `explain` must report the expected statements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessDeniedMessage, evaluate } from '../../src/policy/index.ts';
import type { Decision } from '../../src/policy/types.ts';
import { compileSet } from './policy/compile-set.ts';
import { loadCorpus, type CorpusCase } from './policy/corpus.ts';

function check(c: CorpusCase, decision: Decision, explain: boolean): void {
  const where = `${c.id} (${explain ? 'explain' : 'fast'}): ${c.rule}`;
  assert.equal(decision.effect, c.expect.effect, where);
  if (c.expect.decidedBy !== undefined) assert.equal(decision.decidedBy, c.expect.decidedBy, where);
  if (c.expect.message !== undefined) {
    const { principal, action, resource } = c.request;
    assert.equal(accessDeniedMessage(principal.arn, action, resource, decision), c.expect.message, where);
  }
  if (!explain) return;
  if (c.expect.missingContextKeys !== undefined) {
    const lower = (keys: readonly string[]): string[] => keys.map((k) => k.toLowerCase()).sort();
    assert.deepEqual(lower(decision.missingContextKeys), lower(c.expect.missingContextKeys), `${where}: missing keys`);
  }
  for (const want of c.expect.matched ?? []) {
    const found = decision.matched.some(
      (m) =>
        m.kind === want.kind &&
        m.policy === want.policy &&
        m.statement === want.statement &&
        (want.sid === undefined || m.sid === want.sid),
    );
    assert.ok(found, `${where}: expected matched ${JSON.stringify(want)} in ${JSON.stringify(decision.matched)}`);
  }
}

for (const c of loadCorpus()) {
  const options = c.knownFailure !== undefined ? { skip: `known engine failure: ${c.knownFailure}` } : {};
  test(`${c.file.replace('.cases.json', '')} ${c.id}`, options, () => {
    const set = compileSet(c.policies);
    check(c, evaluate(set, c.request), false);
    check(c, evaluate(set, c.request, { explain: true }), true);
  });
}

test('corpus: case ids are unique and every rule cites its source', () => {
  const cases = loadCorpus();
  const ids = cases.map((c) => c.id);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
  const uncited = cases.filter((c) => !/User Guide|spec|AWS|IAM API|Simulate/.test(c.rule)).map((c) => c.id);
  assert.deepEqual(uncited, []);
  assert.ok(cases.length >= 300, `only ${cases.length} cases`);
});
