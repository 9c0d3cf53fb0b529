/**
 * The Simulate APIs' evaluation: each action on each resource through `decidePrincipal` (the same
 * step enforcement takes), in explain mode so every matched statement and missing key is reported.
 * The simulator differs from enforcement only in its context: the caller's ContextEntries, not the
 * real request's facts.
 */
import {
  evaluate,
  type ContextValue,
  type Decision,
  type Effect,
  type EvaluationRequest,
  type MatchedStatement,
  type Position,
  type RequestPrincipal,
} from '../../policy/index.ts';
import type { CompiledPrincipal } from './authorizer.ts';
import { decidePrincipal } from './decision.ts';
import { accountOfArn } from './simulate-input.ts';

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface WirePosition {
  readonly Line: number;
  readonly Column: number;
}

export interface WireStatement {
  readonly SourcePolicyId: string;
  readonly SourcePolicyType: string;
  readonly StartPosition?: WirePosition;
  readonly EndPosition?: WirePosition;
}

interface Detail {
  readonly MatchedStatements: WireStatement[];
  readonly MissingContextValues: string[];
  readonly EvalDecisionDetails?: Record<string, EvalDecision>;
  readonly PermissionsBoundaryDecisionDetail?: { readonly AllowedByPermissionsBoundary: boolean };
}

export interface WireResourceResult extends Detail {
  readonly EvalResourceName: string;
  readonly EvalResourceDecision: EvalDecision;
}

export interface WireEvaluationResult extends Detail {
  readonly EvalActionName: string;
  /** Warden has no Organizations: nothing above the account denies (AWS includes it regardless). */
  readonly OrganizationsDecisionDetail: { readonly AllowedByOrganizations: boolean };
  readonly EvalResourceName: string;
  readonly EvalDecision: EvalDecision;
  readonly ResourceSpecificResults?: WireResourceResult[];
}

export interface Simulation {
  readonly principal: CompiledPrincipal;
  readonly caller: RequestPrincipal;
  readonly actions: readonly string[];
  /** Absent: the actions are simulated on `*`. */
  readonly resources?: readonly string[] | undefined;
  /** Account owning resources whose ARN names none (`ResourceOwner`). */
  readonly resourceOwner?: string | undefined;
  readonly context: Readonly<Record<string, ContextValue>>;
}

const EVAL_DECISIONS: Readonly<Record<Effect, EvalDecision>> = {
  Allow: 'allowed',
  ExplicitDeny: 'explicitDeny',
  ImplicitDeny: 'implicitDeny',
};

const position = (p: Position): WirePosition => ({ Line: p.line, Column: p.column });

/**
 * The model lists `user|group|role|aws-managed|user-managed|resource|none`, but AWS's answers say
 * `IAM Policy` for a user's policies of every origin (observed for AWS managed and inline
 * policies), and a resource policy is the other policy type the simulator knows.
 */
const sourcePolicyType = (kind: MatchedStatement['kind']): string =>
  kind === 'resource' || kind === 'trust' ? 'Resource Policy' : 'IAM Policy';

function statement(principal: CompiledPrincipal, m: MatchedStatement): WireStatement {
  const source = principal.sources.get(m.policy);
  return {
    SourcePolicyId: source?.sourceId ?? m.policy,
    SourcePolicyType: sourcePolicyType(m.kind),
    ...(m.start === undefined ? {} : { StartPosition: position(m.start) }),
    ...(m.end === undefined ? {} : { EndPosition: position(m.end) }),
  };
}

/** Per policy type, when a resource policy takes part (AWS's key names; UNCONFIRMED in the spec). */
function decisionDetails(
  sim: Simulation,
  request: EvaluationRequest,
): Record<string, EvalDecision> | undefined {
  const { resource, ...principalSide } = sim.principal.policies;
  if (resource === undefined) return undefined;
  return {
    'IAM Policy': EVAL_DECISIONS[evaluate(principalSide, request).effect],
    'Resource Policy': EVAL_DECISIONS[evaluate({ identity: [], resource }, request).effect],
  };
}

/** Whether the boundary alone allows the request; absent when no boundary applies. */
function boundaryDetail(
  sim: Simulation,
  request: EvaluationRequest,
): Detail['PermissionsBoundaryDecisionDetail'] {
  const { boundary } = sim.principal.policies;
  if (boundary === undefined) return undefined;
  return { AllowedByPermissionsBoundary: evaluate({ identity: boundary }, request).effect === 'Allow' };
}

function detail(sim: Simulation, request: EvaluationRequest, decision: Decision): Detail {
  const details = decisionDetails(sim, request);
  const boundary = boundaryDetail(sim, request);
  return {
    MatchedStatements: decision.matched.map((m) => statement(sim.principal, m)),
    MissingContextValues: [...decision.missingContextKeys],
    ...(details === undefined ? {} : { EvalDecisionDetails: details }),
    ...(boundary === undefined ? {} : { PermissionsBoundaryDecisionDetail: boundary }),
  };
}

function requestFor(sim: Simulation, action: string, resource: string): EvaluationRequest {
  const resourceAccount = accountOfArn(resource) ?? sim.resourceOwner;
  return {
    principal: sim.caller,
    action,
    resource,
    context: sim.context,
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
  };
}

function evaluateOne(sim: Simulation, action: string, resource: string): WireResourceResult {
  const request = requestFor(sim, action, resource);
  const decision = decidePrincipal(sim.principal, request, { explain: true });
  return {
    EvalResourceName: resource,
    EvalResourceDecision: EVAL_DECISIONS[decision.effect],
    ...detail(sim, request, decision),
  };
}

/**
 * One result per action and resource, actions in the order given. With ResourceArns each result
 * also lists its resource in ResourceSpecificResults, as AWS does.
 */
export function simulate(sim: Simulation): WireEvaluationResult[] {
  return sim.actions.flatMap((action) =>
    (sim.resources ?? ['*']).map((resource): WireEvaluationResult => {
      const { EvalResourceDecision, ...one } = evaluateOne(sim, action, resource);
      return {
        EvalActionName: action,
        EvalDecision: EvalResourceDecision,
        ...one,
        OrganizationsDecisionDetail: { AllowedByOrganizations: true },
        ...(sim.resources === undefined
          ? {}
          : { ResourceSpecificResults: [{ EvalResourceDecision, ...one }] }),
      };
    }),
  );
}
