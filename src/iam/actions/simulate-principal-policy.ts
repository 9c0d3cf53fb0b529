import type { ActionDefinition } from '../action.ts';
import { policySource } from '../authz/gather-source.ts';
import { runSimulation, type SimulateInput, type SimulateOutput } from '../authz/simulate-request.ts';

export interface SimulatePrincipalPolicyInput extends SimulateInput {
  readonly PolicySourceArn: string;
}

/**
 * The policies of a user (its own, its groups', its boundary) or a group, plus any given as
 * strings, simulated on the actions and resources asked. Authorized on the source entity's ARN.
 */
export const SimulatePrincipalPolicy: ActionDefinition<SimulatePrincipalPolicyInput, SimulateOutput> = {
  service: 'iam',
  name: 'SimulatePrincipalPolicy',
  resource: (input) => input.PolicySourceArn,
  async run(input, ctx) {
    const source = await policySource(ctx, input.PolicySourceArn);
    return runSimulation(ctx, source.gathered, input, source.caller, 'SimulatePrincipalPolicy');
  },
};
