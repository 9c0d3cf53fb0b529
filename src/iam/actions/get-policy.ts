import type { ActionDefinition } from '../action.ts';
import { requirePolicy } from '../managed-policies.ts';
import { usageCounts } from '../policy-usage.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';
import { toWirePolicy, type WirePolicy } from '../policy-wire.ts';

export interface GetPolicyInput {
  readonly PolicyArn: string;
}

/** A customer managed policy, or an AWS managed one from the catalog (its counts are this account's). */
export const GetPolicy: ActionDefinition<GetPolicyInput, { Policy: WirePolicy }> = {
  service: 'iam',
  name: 'GetPolicy',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requirePolicy(ctx.store, input.PolicyArn);
    return { Policy: toWirePolicy(policy, await usageCounts(ctx.store, policy), true) };
  },
};
