/**
 * Loads the policy conformance corpus: every `*.cases.json` beside this file. A case file is
 * `{ topic, defaults: { request }, cases: [{ id, rule, policies, request?, expect, knownFailure? }] }`;
 * a case's request fields replace the file's defaults one by one (context replaces, never merges);
 * `principal` may name an entry of principals.json; a policy is a document object, its raw text,
 * or `{ id, document }` (otherwise its id is `<kind>-<index>`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type {
  DecidingKind,
  Effect,
  EvaluationRequest,
  PolicyInput,
  PolicyKind,
  RequestPrincipal,
} from '../../../src/policy/types.ts';

export const POLICY_KINDS = ['identity', 'resource', 'trust', 'boundary', 'session', 'guardrail'] as const;

export type CorpusPolicies = { identity: PolicyInput[] } & Partial<
  Record<Exclude<(typeof POLICY_KINDS)[number], 'identity'>, PolicyInput[]>
>;

export interface ExpectedMatch {
  readonly kind: PolicyKind;
  readonly policy: string;
  readonly statement: number;
  readonly sid?: string;
}

export interface CorpusCase {
  readonly file: string;
  readonly id: string;
  readonly rule: string;
  readonly policies: CorpusPolicies;
  readonly request: EvaluationRequest;
  readonly expect: {
    readonly effect: Effect;
    readonly decidedBy?: DecidingKind;
    readonly matched?: readonly ExpectedMatch[];
    /** AWS's AccessDenied text for the decision (principal ARN, action, resource of the request). */
    readonly message?: string;
    /** Exactly these keys (any case) reported missing by an `explain` evaluation. */
    readonly missingContextKeys?: readonly string[];
  };
  readonly knownFailure?: string;
}

const DIR = fileURLToPath(new URL('.', import.meta.url));

interface RawFile {
  readonly defaults?: { readonly request?: Record<string, unknown> };
  readonly cases: readonly RawCase[];
}

interface RawCase {
  readonly id: string;
  readonly rule: string;
  readonly policies?: Record<string, unknown[]>;
  readonly request?: Record<string, unknown>;
  readonly expect: CorpusCase['expect'];
  readonly knownFailure?: string;
}

export function loadCorpus(): CorpusCase[] {
  const principals = (JSON.parse(readFileSync(join(DIR, 'principals.json'), 'utf8')) as {
    principals: Record<string, RequestPrincipal>;
  }).principals;
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.cases.json'))
    .sort()
    .flatMap((file) => {
      const raw = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as RawFile;
      return raw.cases.map((c) => toCase(file, c, raw.defaults?.request ?? {}, principals));
    });
}

function toCase(
  file: string,
  raw: RawCase,
  defaults: Record<string, unknown>,
  principals: Record<string, RequestPrincipal>,
): CorpusCase {
  const merged: Record<string, unknown> = { ...defaults, ...raw.request };
  const named = merged['principal'];
  const principal = typeof named === 'string' ? principals[named] : named;
  if (principal === undefined) throw new Error(`${file} ${raw.id}: unknown principal ${String(named)}`);
  const request = { ...merged, principal, context: merged['context'] ?? {} } as unknown as EvaluationRequest;
  const base = { file, id: raw.id, rule: raw.rule, policies: toPolicies(raw.policies ?? {}), request, expect: raw.expect };
  return raw.knownFailure !== undefined ? { ...base, knownFailure: raw.knownFailure } : base;
}

function toPolicies(raw: Record<string, unknown[]>): CorpusPolicies {
  const out: CorpusPolicies = { identity: [] };
  for (const kind of POLICY_KINDS) {
    const list = raw[kind];
    if (list !== undefined) out[kind] = list.map((item, i) => toPolicy(kind, item, i));
  }
  return out;
}

function toPolicy(kind: string, item: unknown, index: number): PolicyInput {
  const text = (doc: unknown): string => (typeof doc === 'string' ? doc : JSON.stringify(doc));
  if (typeof item === 'object' && item !== null && 'document' in item) {
    const { id, document } = item as { id?: string; document: unknown };
    return { id: id ?? `${kind}-${index}`, document: text(document) };
  }
  return { id: `${kind}-${index}`, document: text(item) };
}
