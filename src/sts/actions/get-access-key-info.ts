import { accountOfAccessKeyId, WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../../iam/action.ts';

export interface GetAccessKeyInfoInput {
  readonly AccessKeyId: string;
}

/**
 * The account an access key id belongs to (sts-api.md C.7), long-term (AKIA) or temporary (ASIA),
 * whatever its status. AWS reads the account out of the key id itself, and so does Warden for the
 * ids it makes (access-key-ids.ts). A key of this account stored without that encoding (one the
 * operator configured, or made by an older Warden) is answered from the store; any other id that
 * carries no account is refused (UNCONFIRMED wording).
 */
export const GetAccessKeyInfo: ActionDefinition<GetAccessKeyInfoInput, { Account: string }> = {
  service: 'sts',
  name: 'GetAccessKeyInfo',
  resource: () => '*',
  async run(input, ctx) {
    const id = input.AccessKeyId;
    const known =
      (await ctx.store.accessKeys.get(id)) !== undefined || (await ctx.store.sessions.get(id)) !== undefined;
    if (known) return { Account: ctx.account.id };
    const encoded = accountOfAccessKeyId(id);
    if (encoded === undefined)
      throw new WardenError('AccessDenied', `The access key ID ${id} was not issued by this Warden.`);
    return { Account: encoded };
  },
};
