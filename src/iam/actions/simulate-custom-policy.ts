import type { ActionDefinition } from '../action.ts';
import { runSimulation, type SimulateInput, type SimulateOutput } from '../authz/simulate-request.ts';

export interface SimulateCustomPolicyInput extends SimulateInput {
  readonly PolicyInputList: readonly string[];
}

/** Only the policies given as strings, simulated on the actions and resources asked. */
export const SimulateCustomPolicy: ActionDefinition<SimulateCustomPolicyInput, SimulateOutput> = {
  service: 'iam',
  name: 'SimulateCustomPolicy',
  resource: () => '*',
  run(input, ctx) {
    // Without CallerArn the simulated caller is an anonymous IAM user of this account: never the
    // root (which would be allowed everything), and matched by no Principal naming a user.
    const caller = { type: 'User', arn: '', account: ctx.account.id } as const;
    return Promise.resolve(
      runSimulation(ctx, { identity: [], tags: [] }, input, caller, 'SimulateCustomPolicy'),
    );
  },
};
