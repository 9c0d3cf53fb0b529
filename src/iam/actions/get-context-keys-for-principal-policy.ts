import type { ActionDefinition } from '../action.ts';
import { contextKeysOf } from '../authz/context-keys.ts';
import { policySource } from '../authz/gather-source.ts';
import { inputPolicies, parsedDocuments } from '../authz/simulate-input.ts';

export interface GetContextKeysForPrincipalPolicyInput {
  readonly PolicySourceArn: string;
  readonly PolicyInputList?: readonly string[];
}

/** The context keys the entity's policies (its own, its groups', its boundary) and the given ones use. */
export const GetContextKeysForPrincipalPolicy: ActionDefinition<
  GetContextKeysForPrincipalPolicyInput,
  { ContextKeyNames: string[] }
> = {
  service: 'iam',
  name: 'GetContextKeysForPrincipalPolicy',
  resource: (input) => input.PolicySourceArn,
  async run(input, ctx) {
    const { gathered } = await policySource(ctx, input.PolicySourceArn);
    const policies = [
      ...gathered.identity,
      ...(gathered.boundary ?? []),
      ...(inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity') ?? []),
    ];
    return { ContextKeyNames: contextKeysOf(parsedDocuments(policies)) };
  },
};
