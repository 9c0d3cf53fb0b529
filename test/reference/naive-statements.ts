/**
 * Statements of the reference evaluator: JSON.parse each document, loop over every statement, test
 * Action/NotAction (case-insensitive globs), Resource/NotResource (case-sensitive six-field ARN
 * globs with variables) and the Condition block. No indexing, no caching.
 */
import type { EvaluationRequest, PolicyInput, PolicyKind } from '../../src/policy/types.ts';
import { arnMatch, globMatch, wildcardTokens } from './naive-glob.ts';
import { conditionsHold, isObject } from './naive-conditions.ts';
import { substitute } from './naive-variables.ts';

export interface NaiveStatement {
  readonly kind: PolicyKind;
  readonly policy: string;
  readonly index: number;
  readonly sid?: string;
  readonly effect: unknown;
  readonly body: Record<string, unknown>;
  readonly version: unknown;
}

export function statementsOf(
  kind: PolicyKind,
  policies: readonly PolicyInput[] | undefined,
): NaiveStatement[] {
  return (policies ?? []).flatMap((policy) => {
    let doc: unknown;
    try {
      doc = JSON.parse(policy.document);
    } catch {
      return [];
    }
    if (!isObject(doc)) return [];
    const raw = doc['Statement'];
    const list: unknown[] = Array.isArray(raw) ? raw : [raw];
    return list.flatMap((body, index) =>
      isObject(body) ? [toStatement(kind, policy.id, index, body, doc)] : [],
    );
  });
}

function toStatement(
  kind: PolicyKind,
  policy: string,
  index: number,
  body: Record<string, unknown>,
  doc: Record<string, unknown>,
): NaiveStatement {
  const sid = body['Sid'];
  const base = { kind, policy, index, effect: body['Effect'], body, version: doc['Version'] };
  return typeof sid === 'string' ? { ...base, sid } : base;
}

function strings(raw: unknown): string[] {
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  return list.filter((v): v is string => typeof v === 'string');
}

function actionMatches(s: NaiveStatement, action: string): boolean {
  const test = (raw: unknown): boolean =>
    strings(raw).some((p) => globMatch(wildcardTokens(p), action, true));
  if ('Action' in s.body) return test(s.body['Action']);
  if ('NotAction' in s.body) return !test(s.body['NotAction']);
  return false;
}

function resourceMatches(s: NaiveStatement, req: EvaluationRequest): boolean {
  const test = (raw: unknown): boolean =>
    strings(raw).some((p) => {
      const tokens = substitute(p, req.context, s.version, true);
      return tokens !== undefined && arnMatch(tokens, req.resource);
    });
  if ('Resource' in s.body) return test(s.body['Resource']);
  if ('NotResource' in s.body) return !test(s.body['NotResource']);
  // Resource-based and trust policies may omit Resource: they apply to the resource they sit on.
  return s.kind === 'resource' || s.kind === 'trust';
}

/** Action, resource and conditions (the principal is checked separately, for resource-side kinds). */
export function statementApplies(s: NaiveStatement, req: EvaluationRequest): boolean {
  return (
    actionMatches(s, req.action) &&
    resourceMatches(s, req) &&
    conditionsHold(s.body['Condition'], { context: req.context, version: s.version })
  );
}
