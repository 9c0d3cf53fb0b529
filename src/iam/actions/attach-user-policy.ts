import type { ActionDefinition } from '../action.ts';
import { attachPolicy } from '../attachments.ts';
import { requireUser, userResource } from '../lookups.ts';
import { attachUserKeys } from '../policy-condition-keys.ts';

export interface AttachUserPolicyInput {
  readonly UserName: string;
  readonly PolicyArn: string;
}

export const AttachUserPolicy: ActionDefinition<AttachUserPolicyInput, void> = {
  service: 'iam',
  name: 'AttachUserPolicy',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => attachUserKeys(ctx, input.UserName, input.PolicyArn),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    await attachPolicy(ctx.store, { type: 'user', id: user.userId }, input.PolicyArn);
  },
};
