import type { ActionDefinition } from '../action.ts';
import { contextKeysOf } from '../authz/context-keys.ts';
import { inputPolicies, parsedDocuments } from '../authz/simulate-input.ts';

export interface GetContextKeysForCustomPolicyInput {
  readonly PolicyInputList: readonly string[];
}

/** The context keys the given policies use. */
export const GetContextKeysForCustomPolicy: ActionDefinition<
  GetContextKeysForCustomPolicyInput,
  { ContextKeyNames: string[] }
> = {
  service: 'iam',
  name: 'GetContextKeysForCustomPolicy',
  resource: () => '*',
  run(input) {
    const policies = inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity') ?? [];
    return Promise.resolve({ ContextKeyNames: contextKeysOf(parsedDocuments(policies)) });
  },
};
