import type { ActionDefinition } from '../action.ts';
import { detachPolicy } from '../attachments.ts';
import { requireUser, userResource } from '../lookups.ts';
import { attachUserKeys } from '../policy-condition-keys.ts';

export interface DetachUserPolicyInput {
  readonly UserName: string;
  readonly PolicyArn: string;
}

export const DetachUserPolicy: ActionDefinition<DetachUserPolicyInput, void> = {
  service: 'iam',
  name: 'DetachUserPolicy',
  resource: (input, ctx) => userResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => attachUserKeys(ctx, input.UserName, input.PolicyArn),
  async run(input, ctx) {
    const user = await requireUser(ctx.store, input.UserName);
    await detachPolicy(ctx.store, { type: 'user', id: user.userId }, input.PolicyArn);
  },
};
