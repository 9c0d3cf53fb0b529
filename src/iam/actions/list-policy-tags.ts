import type { ActionDefinition } from '../action.ts';
import { requirePolicy } from '../managed-policies.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';
import { toWireTags, type WireTag } from '../tags.ts';

export interface ListPolicyTagsInput extends PageInput {
  readonly PolicyArn: string;
}

/** AWS managed policies carry no tags of the account's: an empty list. */
export const ListPolicyTags: ActionDefinition<ListPolicyTagsInput, { Tags: WireTag[] } & PageOutput> = {
  service: 'iam',
  name: 'ListPolicyTags',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requirePolicy(ctx.store, input.PolicyArn);
    const tags = policy.kind === 'customer' ? policy.record.tags : [];
    const page = pageInMemory(tags, pageRequest(input, 'ListPolicyTags'));
    return { Tags: toWireTags(page.items), ...pageOutput(page, 'ListPolicyTags') };
  },
};
