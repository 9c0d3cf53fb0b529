import type { ActionDefinition } from '../action.ts';
import type { PageInput, PageOutput } from '../pagination.ts';

export type ListAccountAliasesInput = PageInput;

/** At most one alias, so always a single, final page. */
export const ListAccountAliases: ActionDefinition<
  ListAccountAliasesInput,
  { AccountAliases: string[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListAccountAliases',
  resource: () => '*',
  async run(_input, ctx) {
    const alias = (await ctx.store.account.get())?.alias;
    return { AccountAliases: alias === undefined ? [] : [alias], IsTruncated: false };
  },
};
