/**
 * What SimulatePrincipalPolicy and SimulateCustomPolicy share: their common inputs turned into a
 * Simulation over the gathered policies, run, and paged (MaxItems/Marker over the results).
 */
import type { RequestPrincipal } from '../../policy/index.ts';
import type { ActionContext } from '../action.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { authorizerOf } from './decision.ts';
import type { PrincipalPolicies } from './gather.ts';
import { simulate, type WireEvaluationResult } from './simulate.ts';
import {
  callerPrincipal,
  contextFromEntries,
  inputPolicies,
  inputPolicy,
  ownerAccount,
  type WireContextEntry,
} from './simulate-input.ts';

export interface SimulateInput extends PageInput {
  readonly PolicyInputList?: readonly string[];
  readonly PermissionsBoundaryPolicyInputList?: readonly string[];
  readonly ActionNames: readonly string[];
  readonly ResourceArns?: readonly string[];
  readonly ResourcePolicy?: string;
  readonly ResourceOwner?: string;
  readonly CallerArn?: string;
  readonly ContextEntries?: readonly WireContextEntry[];
  readonly ResourceHandlingOption?: string;
}

export type SimulateOutput = { EvaluationResults: WireEvaluationResult[] } & PageOutput;

/**
 * The gathered policies plus the request's own: PolicyInputList adds identity policies,
 * PermissionsBoundaryPolicyInputList replaces the boundary, ResourcePolicy is the resource side.
 */
export function withInputs(gathered: PrincipalPolicies, input: SimulateInput): PrincipalPolicies {
  const extra = inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity') ?? [];
  const boundary =
    inputPolicies(
      input.PermissionsBoundaryPolicyInputList,
      'PermissionsBoundaryPolicyInputList',
      'boundary',
    ) ?? gathered.boundary;
  const resource =
    input.ResourcePolicy === undefined
      ? undefined
      : [inputPolicy(input.ResourcePolicy, 'ResourcePolicy', 'resource', 'resource')];
  return {
    identity: [...gathered.identity, ...extra],
    tags: gathered.tags,
    ...(boundary === undefined ? {} : { boundary }),
    ...(gathered.session === undefined ? {} : { session: gathered.session }),
    ...(resource === undefined ? {} : { resource }),
  };
}

/** Runs the simulation of `gathered` (with the inputs' own policies) and pages the results. */
export function runSimulation(
  ctx: ActionContext,
  gathered: PrincipalPolicies,
  input: SimulateInput,
  defaultCaller: RequestPrincipal,
  scope: string,
): SimulateOutput {
  const page = pageRequest(input, scope);
  const principal = authorizerOf(ctx).compile(withInputs(gathered, input));
  const results = simulate({
    principal,
    caller: callerPrincipal(input.CallerArn, defaultCaller),
    actions: input.ActionNames,
    resources: input.ResourceArns,
    resourceOwner: ownerAccount(input.ResourceOwner),
    context: contextFromEntries(input.ContextEntries),
  });
  const paged = pageInMemory(results, page);
  return { EvaluationResults: [...paged.items], ...pageOutput(paged, scope) };
}
