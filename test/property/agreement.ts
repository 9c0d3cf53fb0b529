/**
 * Engine vs oracle on one policy set and request: the compiled engine's decision must have the
 * naive evaluator's effect, a deciding kind the oracle accepts, and report only statements that
 * actually applied. Shared by the property test and the seed replay.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../../src/policy/index.ts';
import type { EvaluationRequest } from '../../src/policy/types.ts';
import { compileSet } from '../conformance/policy/compile-set.ts';
import { naiveEvaluate, type NaivePolicySet } from '../reference/naive-evaluator.ts';

/** A list of disagreements (empty when the two evaluators agree). */
export function disagreements(set: NaivePolicySet, request: EvaluationRequest): string[] {
  const oracle = naiveEvaluate(set, request);
  const compiled = compileSet(set);
  const problems: string[] = [];
  for (const explain of [false, true]) {
    const got = evaluate(compiled, request, { explain });
    const mode = explain ? 'explain' : 'fast';
    if (got.effect !== oracle.effect) problems.push(`${mode}: effect ${got.effect}, oracle ${oracle.effect}`);
    else if (
      got.effect !== 'Allow' &&
      oracle.decidedBy.length > 0 &&
      !oracle.decidedBy.includes(got.decidedBy)
    ) {
      problems.push(`${mode}: decidedBy ${got.decidedBy}, oracle ${oracle.decidedBy.join('|')}`);
    }
    for (const m of got.matched) {
      const applied = oracle.applicable.some(
        (a) => a.kind === m.kind && a.policy === m.policy && a.statement === m.statement,
      );
      if (!applied) problems.push(`${mode}: matched ${m.kind} ${m.policy}#${m.statement} did not apply`);
    }
  }
  return problems;
}

export interface Seed {
  readonly note: string;
  readonly policies: NaivePolicySet;
  readonly request: EvaluationRequest;
  /** Set when the engine is known to be wrong on this seed (see /work/notes/engine-bugs.md). */
  readonly knownFailure?: string;
}

export const SEED_DIR = fileURLToPath(new URL('./seeds/', import.meta.url));

export function loadSeeds(): { name: string; seed: Seed }[] {
  return readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, seed: JSON.parse(readFileSync(join(SEED_DIR, name), 'utf8')) as Seed }));
}

/** Saves a counterexample so every later run replays it (seeds-replay.test.ts). */
export function saveSeed(seed: Seed): string {
  mkdirSync(SEED_DIR, { recursive: true });
  const body = JSON.stringify(seed, null, 2);
  let hash = 0;
  for (const ch of body) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  const name = `counterexample-${hash.toString(16).padStart(8, '0')}.json`;
  writeFileSync(join(SEED_DIR, name), `${body}\n`);
  return name;
}
