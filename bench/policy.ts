/**
 * `npm run bench:policy`: the shared policy scenario (10 policies x 10 statements + 1 Deny, 1000
 * requests). Compiles the policies once, checks all 1000 decisions against the expected ones, warms
 * up, then times several repetitions. Prints decisions/s (median repetition) and the median and p99
 * latency of single decisions (each timed alone, so those include the timer's own cost, printed too).
 */
import { loadScenario, OUTCOME } from '../test/fixtures/policy-scenario/load.ts';
import { compilePolicyText, type CompiledPolicy } from '../src/policy/compile.ts';
import { mergePolicies } from '../src/policy/compile-merge.ts';
import { evaluate } from '../src/policy/evaluate.ts';
import type { EvaluationRequest, PolicySet } from '../src/policy/types.ts';

const REPETITIONS = Number(process.env['REPETITIONS'] ?? 15);
const ROUNDS_PER_REPETITION = 200;

function compile(texts: readonly string[]): PolicySet<CompiledPolicy> {
  const identity = texts.map((text, i) => {
    const result = compilePolicyText(text, `policy-${i}`, 'identity');
    if (!result.ok) throw new Error(`policy ${i} does not compile: ${JSON.stringify(result.diagnostics)}`);
    return result.policy;
  });
  return { identity };
}

function verify(
  policies: PolicySet<CompiledPolicy>,
  requests: readonly EvaluationRequest[],
  expected: readonly string[],
) {
  const wrong = requests.filter((request, i) => OUTCOME[evaluate(policies, request).effect] !== expected[i]);
  if (wrong.length > 0)
    throw new Error(`${wrong.length} of ${requests.length} decisions differ from expected`);
}

interface Rate {
  /** Decisions per second of wall-clock time. */
  readonly wall: number;
  /** Decisions per second of this process's CPU time (steadier on a shared, loaded machine). */
  readonly cpu: number;
}

function repetition(policies: PolicySet<CompiledPolicy>, requests: readonly EvaluationRequest[]): Rate {
  let allowed = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS_PER_REPETITION; round++) {
    for (const request of requests) if (evaluate(policies, request).effect === 'Allow') allowed++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  if (allowed === 0) throw new Error('unreachable: keeps the loop observable');
  const decisions = ROUNDS_PER_REPETITION * requests.length;
  return { wall: decisions / seconds, cpu: decisions / ((cpu.user + cpu.system) / 1e6) };
}

function latencies(policies: PolicySet<CompiledPolicy>, requests: readonly EvaluationRequest[]) {
  const samples: number[] = [];
  const timer: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const request of requests) {
      const t0 = process.hrtime.bigint();
      evaluate(policies, request);
      const t1 = process.hrtime.bigint();
      const t2 = process.hrtime.bigint();
      samples.push(Number(t1 - t0));
      timer.push(Number(t2 - t1));
    }
  }
  return { median: percentile(samples, 0.5), p99: percentile(samples, 0.99), timer: percentile(timer, 0.5) };
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Times one way of handing the policies over and prints its figures. */
function measure(
  label: string,
  policies: PolicySet<CompiledPolicy>,
  requests: readonly EvaluationRequest[],
): void {
  for (let i = 0; i < 3; i++) repetition(policies, requests);
  const runs = Array.from({ length: REPETITIONS }, () => repetition(policies, requests));
  const wall = runs.map((run) => run.wall);
  const cpu = percentile(
    runs.map((run) => run.cpu),
    0.5,
  );
  const lat = latencies(policies, requests);
  console.log(`${label}:`);
  console.log(
    `  decisions/s (median of ${REPETITIONS} x ${ROUNDS_PER_REPETITION * 1000}): ${fmt(percentile(wall, 0.5))}`,
  );
  console.log(
    `  wall min ${fmt(Math.min(...wall))}, max ${fmt(Math.max(...wall))}; per CPU-second (median) ${fmt(cpu)}`,
  );
  console.log(
    `  latency per decision: median ${(lat.median / 1000).toFixed(2)} µs, p99 ${(lat.p99 / 1000).toFixed(2)} µs (timer cost ~${lat.timer} ns included)`,
  );
}

function main(): void {
  const scenario = loadScenario();
  const compileStart = process.hrtime.bigint();
  const policies = compile(scenario.policies);
  const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
  const merged = { identity: [mergePolicies(policies.identity)] };
  verify(policies, scenario.requests, scenario.expected);
  verify(merged, scenario.requests, scenario.expected);
  console.log(`compiled 10 policies in ${compileMs.toFixed(1)} ms; 1000/1000 decisions match the expected`);
  measure('10 compiled policies', policies, scenario.requests);
  measure('the same 10 merged into one (mergePolicies)', merged, scenario.requests);
}

main();
