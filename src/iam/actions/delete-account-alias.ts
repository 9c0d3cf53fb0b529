import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';

export interface DeleteAccountAliasInput {
  readonly AccountAlias: string;
}

/** Needs the current alias by name, so a stale value cannot clear a newer alias. */
export const DeleteAccountAlias: ActionDefinition<DeleteAccountAliasInput, void> = {
  service: 'iam',
  name: 'DeleteAccountAlias',
  resource: () => '*',
  async run(input, ctx) {
    const account = await ctx.store.account.get();
    if (account?.alias !== input.AccountAlias) {
      throw new WardenError('NoSuchEntity', `The account alias ${input.AccountAlias} cannot be found.`);
    }
    await ctx.store.account.deleteAlias();
  },
};
