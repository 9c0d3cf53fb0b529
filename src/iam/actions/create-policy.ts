import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { requestTagKeys } from '../authz/condition-keys.ts';
import { quotaExceeded } from '../conflicts.ts';
import { policyArn } from '../managed-policies.ts';
import { checkManagedDocument } from '../policy-documents.ts';
import { checkPolicyTags } from '../policy-tags.ts';
import { toWirePolicy, type WirePolicy } from '../policy-wire.ts';
import type { WireTag } from '../tags.ts';

export interface CreatePolicyInput {
  readonly PolicyName: string;
  readonly Path?: string;
  readonly PolicyDocument: string;
  readonly Description?: string;
  readonly Tags?: readonly WireTag[];
}

const POLICIES_PER_ACCOUNT = 1500;

/** Creates the policy with its document as version v1, the default. */
export const CreatePolicy: ActionDefinition<CreatePolicyInput, { Policy: WirePolicy }> = {
  service: 'iam',
  name: 'CreatePolicy',
  resource: (input, ctx) => policyArn(ctx.account, input.Path ?? '/', input.PolicyName),
  conditionKeys: (input) => requestTagKeys(input.Tags),
  async run(input, ctx) {
    const tags = checkPolicyTags(input.Tags ?? []);
    checkManagedDocument(input.PolicyDocument);
    if ((await ctx.store.policies.count()) >= POLICIES_PER_ACCOUNT) {
      throw quotaExceeded('PoliciesPerAccount', POLICIES_PER_ACCOUNT);
    }
    const path = input.Path ?? '/';
    const record = {
      policyId: ctx.ids.uniqueId('ANPA'),
      policyName: input.PolicyName,
      path,
      arn: policyArn(ctx.account, path, input.PolicyName),
      description: input.Description,
      createDate: ctx.clock.now(),
      tags,
      document: input.PolicyDocument,
    };
    if ((await ctx.store.policies.insert(record)) === 'conflict') {
      throw new WardenError(
        'EntityAlreadyExists',
        `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
      );
    }
    const stored = { ...record, updateDate: record.createDate, defaultVersionId: 'v1' };
    const counts = { attachmentCount: 0, permissionsBoundaryUsageCount: 0 };
    const policy = { kind: 'customer', arn: record.arn, record: { ...stored, ...counts } } as const;
    return { Policy: toWirePolicy(policy, counts, true) };
  },
};
