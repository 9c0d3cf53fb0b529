/**
 * One statement in evaluable form: action patterns lowercased and compiled, resource ARN patterns
 * compiled (templates kept for those with policy variables), principals as sets, conditions bound
 * to their operators, and the matched-statement record built once for decisions to share.
 */
import type { Statement } from './ast.ts';
import { compileCondition, type CompiledCondition } from './conditions/compile.ts';
import { compileAction, type ActionPattern } from './match-action.ts';
import { compileArnFields, compileArnPattern, resourceStart, type ArnPattern } from './match-arn.ts';
import { compilePrincipal, type CompiledPrincipal } from './match-principal.ts';
import type { Decision, MatchedStatement, PolicyKind } from './types.ts';
import { parseTemplate, staticParts, VARIABLES_VERSION, type Template } from './variables.ts';

/** A `Resource` value: a compiled pattern, or the fixed head plus a template to resolve per request. */
export interface ResourcePattern {
  readonly arn: ArnPattern | undefined;
  readonly head: string;
  readonly template: Template | undefined;
}

export interface CompiledStatement {
  readonly deny: boolean;
  readonly matched: MatchedStatement;
  /** The decision this statement alone carries (shared, so a fast decision allocates nothing). */
  readonly decision: Decision;
  /** `Action` patterns, or `NotAction` ones when `notAction`. */
  readonly actions: readonly ActionPattern[];
  readonly notAction: boolean;
  /** `undefined` when the statement has neither `Resource` nor `NotResource` (trust policies). */
  readonly resources: readonly ResourcePattern[] | undefined;
  readonly notResource: boolean;
  /** `Principal` or `NotPrincipal` (resource-side kinds only). */
  readonly principal: CompiledPrincipal | undefined;
  readonly notPrincipal: boolean;
  /** Resource-side statement without a principal element: applies to nobody. */
  readonly principalMissing: boolean;
  readonly conditions: readonly CompiledCondition[];
}

export interface StatementContext {
  readonly policy: string;
  readonly kind: PolicyKind;
  readonly version: string | undefined;
}

const NO_KEYS: readonly string[] = Object.freeze([]);

const RESOURCE_SIDE: ReadonlySet<PolicyKind> = new Set(['resource', 'trust']);

export function compileStatement(s: Statement, ctx: StatementContext): CompiledStatement {
  const deny = s.effect === 'Deny';
  const principalBlock = s.principal ?? s.notPrincipal;
  const resourceSide = RESOURCE_SIDE.has(ctx.kind);
  const resourceList = s.resource ?? s.notResource;
  const matched = matchedRecord(s, ctx);
  return {
    deny,
    matched,
    decision: Object.freeze({
      effect: deny ? 'ExplicitDeny' : 'Allow',
      decidedBy: ctx.kind,
      matched: Object.freeze([matched]),
      missingContextKeys: NO_KEYS,
    }),
    actions: (s.action ?? s.notAction)?.values.map(compileAction) ?? [],
    notAction: s.action === undefined && s.notAction !== undefined,
    resources: resourceList?.values.map((value) => compileResource(value, ctx.version)),
    notResource: s.resource === undefined && s.notResource !== undefined,
    principal: resourceSide && principalBlock !== undefined ? compilePrincipal(principalBlock) : undefined,
    notPrincipal: s.principal === undefined && s.notPrincipal !== undefined,
    principalMissing: resourceSide && principalBlock === undefined,
    conditions: s.conditions.map((entry) => compileCondition(entry, { version: ctx.version, deny })),
  };
}

function matchedRecord(s: Statement, ctx: StatementContext): MatchedStatement {
  const base = {
    policy: ctx.policy,
    kind: ctx.kind,
    statement: s.index,
    start: s.span.start,
    end: s.span.end,
  };
  return Object.freeze(s.sid === undefined ? base : { ...base, sid: s.sid });
}

/** Variables are substituted only in the resource field (after the fifth colon), and only in 2012-10-17. */
export function compileResource(value: string, version: string | undefined): ResourcePattern {
  const start = resourceStart(value);
  const template =
    version === VARIABLES_VERSION && start !== -1 ? parseTemplate(value.slice(start)) : undefined;
  if (template === undefined) return { arn: compileArnPattern(value), head: '', template: undefined };
  const head = value.slice(0, start);
  if (template.dynamic) return { arn: undefined, head, template };
  return { arn: compileArnFields(head, staticParts(template)), head, template: undefined };
}
