import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requireOwnKey } from '../access-keys.ts';
import { resolveSubject, subjectResource } from '../lookups.ts';
import { targetUserKeys } from '../authz/condition-keys.ts';

export interface UpdateAccessKeyInput {
  readonly UserName?: string;
  readonly AccessKeyId: string;
  readonly Status: 'Active' | 'Inactive' | 'Expired';
}

/** Active/Inactive. An inactive key fails authentication at once (the server looks the status up). */
export const UpdateAccessKey: ActionDefinition<UpdateAccessKeyInput, void> = {
  service: 'iam',
  name: 'UpdateAccessKey',
  resource: (input, ctx) => subjectResource(ctx, input.UserName),
  conditionKeys: (input, ctx) => targetUserKeys(ctx, input.UserName),
  async run(input, ctx) {
    // The model's enum also lists Expired, which only AWS itself sets.
    if (input.Status === 'Expired') {
      throw new WardenError('InvalidInput', 'Status must be Active or Inactive.');
    }
    const subject = await resolveSubject(ctx, input.UserName);
    const key = await requireOwnKey(ctx.store, subject, input.AccessKeyId);
    await ctx.store.accessKeys.setStatus(key.accessKeyId, input.Status);
  },
};
