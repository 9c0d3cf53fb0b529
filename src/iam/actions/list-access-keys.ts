import type { ActionDefinition } from '../action.ts';
import { ownerName, ownerOf } from '../access-keys.ts';
import { resolveSubject, subjectResource } from '../lookups.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toWireKeyMetadata, type WireAccessKeyMetadata } from '../wire.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface ListAccessKeysInput extends PageInput {
  readonly UserName?: string;
}

export const ListAccessKeys: ActionDefinition<
  ListAccessKeysInput,
  { AccessKeyMetadata: WireAccessKeyMetadata[] } & PageOutput
> = {
  service: 'iam',
  name: 'ListAccessKeys',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    const subject = await resolveSubject(ctx, input.UserName);
    const keys = await ctx.store.accessKeys.listByOwner(ownerOf(subject));
    const page = pageInMemory(keys, pageRequest(input, 'ListAccessKeys'));
    const name = ownerName(subject);
    return {
      AccessKeyMetadata: page.items.map((k) => toWireKeyMetadata(k, name)),
      ...pageOutput(page, 'ListAccessKeys'),
    };
  },
};
