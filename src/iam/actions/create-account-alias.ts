import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';

export interface CreateAccountAliasInput {
  readonly AccountAlias: string;
}

/**
 * An account has at most one alias, and AWS enforces that by replacement: creating another alias
 * swaps it in (observed on live AWS). Asking for the alias the account already has is
 * EntityAlreadyExists, as for an alias another account has. The model's pattern allows an all-digit
 * alias, but AWS refuses one that looks like an account id.
 */
export const CreateAccountAlias: ActionDefinition<CreateAccountAliasInput, void> = {
  service: 'iam',
  name: 'CreateAccountAlias',
  resource: () => '*',
  async run(input, ctx) {
    if (/^\d{12}$/.test(input.AccountAlias)) {
      throw new WardenError(
        'ValidationError',
        `The account alias ${input.AccountAlias} cannot be a 12-digit number.`,
      );
    }
    const account = await ctx.store.account.get();
    // Aliases are unique across every account (AWS's sign-in URLs use them): here, across all
    // the accounts this Warden serves.
    const elsewhere = await ctx.accounts?.aliasOwner(input.AccountAlias, ctx.account.id);
    if (account?.alias === input.AccountAlias || elsewhere !== undefined) {
      throw new WardenError('EntityAlreadyExists', `The account alias ${input.AccountAlias} already exists.`);
    }
    await ctx.store.account.setAlias(input.AccountAlias);
  },
};
