// Every saved counterexample is replayed on every run: engine and oracle must agree on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disagreements, loadSeeds } from './agreement.ts';

for (const { name, seed } of loadSeeds()) {
  const options =
    seed.knownFailure !== undefined ? { skip: `known engine failure: ${seed.knownFailure}` } : {};
  test(`seed ${name}: ${seed.note}`, options, () => {
    assert.deepEqual(disagreements(seed.policies, seed.request), []);
  });
}
