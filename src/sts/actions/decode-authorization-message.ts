import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../../iam/action.ts';
import { decodeDenial } from '../../iam/authz/index.ts';

export interface DecodeAuthorizationMessageInput {
  readonly EncodedMessage: string;
}

/**
 * The details behind an encoded authorization failure message (sts-api.md C.7): whether an
 * explicit deny decided, the matched statements, the principal, action, resource and the request's
 * condition keys. Needs sts:DecodeAuthorizationMessage, since the details may be privileged.
 */
export const DecodeAuthorizationMessage: ActionDefinition<
  DecodeAuthorizationMessageInput,
  { DecodedMessage: string }
> = {
  service: 'sts',
  name: 'DecodeAuthorizationMessage',
  resource: () => '*',
  run(input, ctx) {
    const decoded = decodeDenial(ctx.secrets, input.EncodedMessage.trim());
    if (decoded === undefined) {
      throw new WardenError('InvalidAuthorizationMessageException', 'The encoded message is not valid.');
    }
    return Promise.resolve({ DecodedMessage: decoded });
  },
};
