import { WardenError } from '../core/index.ts';
import type { AttachedPolicyRef, PolicyEntityRef, StoreTx } from '../store/port.ts';
import { quotaExceeded } from './conflicts.ts';
import { checkPolicyArn, requireAttachable } from './managed-policies.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from './pagination.ts';

/** Attaching managed policies to users, groups and roles, with AWS's quotas. */

export const ATTACHED_POLICIES_PER_ENTITY = 10;

const QUOTA_NAME = { user: 'PoliciesPerUser', group: 'PoliciesPerGroup', role: 'PoliciesPerRole' } as const;

/** Idempotent, as in AWS: attaching an attached policy succeeds and changes nothing. */
export async function attachPolicy(store: StoreTx, entity: PolicyEntityRef, arn: string): Promise<void> {
  const policy = await requireAttachable(store, arn);
  if (await store.attachments.isAttached(entity, policy.arn)) return;
  if ((await store.attachments.countForEntity(entity)) >= ATTACHED_POLICIES_PER_ENTITY) {
    throw quotaExceeded(QUOTA_NAME[entity.type], ATTACHED_POLICIES_PER_ENTITY);
  }
  await store.attachments.attach(entity, policy.arn);
}

/** A policy that is not attached (or does not exist): `Policy ARN was not found.` */
export async function detachPolicy(store: StoreTx, entity: PolicyEntityRef, arn: string): Promise<void> {
  checkPolicyArn(arn);
  if (!(await store.attachments.detach(entity, arn))) {
    throw new WardenError('NoSuchEntity', `Policy ${arn} was not found.`);
  }
}

export interface WireAttachedPolicy {
  readonly PolicyName: string;
  readonly PolicyArn: string;
}

export const toWireAttached = (ref: AttachedPolicyRef): WireAttachedPolicy => ({
  PolicyName: ref.policyName,
  PolicyArn: ref.policyArn,
});

/** ListAttachedUserPolicies / ListAttachedGroupPolicies: PathPrefix filters the POLICY's path. */
export async function listAttached(
  store: StoreTx,
  entity: PolicyEntityRef,
  input: PageInput & { readonly PathPrefix?: string },
  scope: string,
): Promise<{ AttachedPolicies: WireAttachedPolicy[] } & PageOutput> {
  const page = await store.attachments.listForEntity(entity, {
    ...pageRequest(input, scope),
    pathPrefix: input.PathPrefix,
  });
  return { AttachedPolicies: page.items.map(toWireAttached), ...pageOutput(page, scope) };
}
