import { WardenError } from '../core/index.ts';
import type { PolicyEntityRef, PolicyEntityType, StoreTx } from '../store/port.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from './pagination.ts';
import { checkInlineDocument } from './policy-documents.ts';

/** Inline policies of users, groups and roles: shared by the twelve actions. */

export interface InlineTarget {
  readonly ref: PolicyEntityRef;
  /** The entity's name, for the size quota's message. */
  readonly name: string;
}

export const noSuchInlinePolicy = (type: PolicyEntityType, policyName: string): WardenError =>
  new WardenError('NoSuchEntity', `The ${type} policy with name ${policyName} cannot be found.`);

/** Creates or replaces, after the grammar and the entity's aggregate size quota. */
export async function putInlinePolicy(
  store: StoreTx,
  target: InlineTarget,
  policyName: string,
  document: string,
): Promise<void> {
  const others = await store.inlinePolicies.listAll(target.ref);
  checkInlineDocument(document, { type: target.ref.type, name: target.name }, policyName, others);
  await store.inlinePolicies.put(target.ref, { policyName, document });
}

export async function getInlinePolicy(
  store: StoreTx,
  target: InlineTarget,
  policyName: string,
): Promise<{ readonly policyName: string; readonly document: string }> {
  const policy = await store.inlinePolicies.get(target.ref, policyName);
  if (policy === undefined) throw noSuchInlinePolicy(target.ref.type, policyName);
  return policy;
}

export async function deleteInlinePolicy(
  store: StoreTx,
  target: InlineTarget,
  policyName: string,
): Promise<void> {
  if (!(await store.inlinePolicies.delete(target.ref, policyName))) {
    throw noSuchInlinePolicy(target.ref.type, policyName);
  }
}

export async function listInlinePolicies(
  store: StoreTx,
  target: InlineTarget,
  input: PageInput,
  scope: string,
): Promise<{ PolicyNames: string[] } & PageOutput> {
  const page = await store.inlinePolicies.listNames(target.ref, pageRequest(input, scope));
  return { PolicyNames: [...page.items], ...pageOutput(page, scope) };
}
