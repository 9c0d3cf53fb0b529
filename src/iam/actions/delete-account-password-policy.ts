import type { ActionDefinition } from '../action.ts';
import { noPasswordPolicy } from './get-account-password-policy.ts';

export type DeleteAccountPasswordPolicyInput = Record<string, never>;

/** Back to AWS's default rules (8+ characters, three character classes, no expiry). */
export const DeleteAccountPasswordPolicy: ActionDefinition<DeleteAccountPasswordPolicyInput, void> = {
  service: 'iam',
  name: 'DeleteAccountPasswordPolicy',
  resource: () => '*',
  async run(_input, ctx) {
    if (!(await ctx.store.passwordPolicy.delete())) throw noPasswordPolicy();
  },
};
