/**
 * Test helpers for enforcement and simulation: policies written straight to the store (the way the
 * policy actions write them), calls made with chosen request facts.
 */
import { isWardenError } from '../../core/index.ts';
import type { ActionContext, ActionDefinition, Caller, RequestFacts } from '../action.ts';
import type { Harness } from '../testing/harness.ts';
import { authorizeAction } from './authorize.ts';

export const ACCT = '123456789012';

export const doc = (...statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const allowStmt = (
  action: string | string[],
  resource: string | string[] = '*',
  extra: object = {},
) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});

export const denyStmt = (
  action: string | string[],
  resource: string | string[] = '*',
  extra: object = {},
) => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

async function userId(h: Harness, userName: string): Promise<string> {
  const user = await h.store.transaction((tx) => tx.users.getByName(userName));
  if (user === undefined) throw new Error(`no user ${userName}`);
  return user.userId;
}

async function groupId(h: Harness, groupName: string): Promise<string> {
  const group = await h.store.transaction((tx) => tx.groups.getByName(groupName));
  if (group === undefined) throw new Error(`no group ${groupName}`);
  return group.groupId;
}

export async function putUserPolicy(h: Harness, userName: string, policyName: string, document: string) {
  const id = await userId(h, userName);
  await h.store.transaction((tx) => tx.inlinePolicies.put({ type: 'user', id }, { policyName, document }));
}

export async function deleteUserPolicy(h: Harness, userName: string, policyName: string) {
  const id = await userId(h, userName);
  await h.store.transaction((tx) => tx.inlinePolicies.delete({ type: 'user', id }, policyName));
}

export async function putGroupPolicy(h: Harness, groupName: string, policyName: string, document: string) {
  const id = await groupId(h, groupName);
  await h.store.transaction((tx) => tx.inlinePolicies.put({ type: 'group', id }, { policyName, document }));
}

export async function addToGroup(h: Harness, groupName: string, userName: string) {
  const [g, u] = [await groupId(h, groupName), await userId(h, userName)];
  await h.store.transaction((tx) => tx.groups.addMember(g, u));
}

export async function removeFromGroup(h: Harness, groupName: string, userName: string) {
  const [g, u] = [await groupId(h, groupName), await userId(h, userName)];
  await h.store.transaction((tx) => tx.groups.removeMember(g, u));
}

let policySerial = 0;

/** A customer managed policy with `document` as v1; returns its ARN and id. */
export async function createManaged(h: Harness, name: string, document: string) {
  const arn = `arn:aws:iam::${ACCT}:policy/${name}`;
  const policyId = `ANPATEST${String(++policySerial).padStart(13, '0')}`;
  await h.store.transaction((tx) =>
    tx.policies.insert({
      policyId,
      policyName: name,
      path: '/',
      arn,
      createDate: h.clock.now(),
      tags: [],
      document,
    }),
  );
  return { arn, policyId };
}

export async function addVersion(h: Harness, policyId: string, document: string, setAsDefault: boolean) {
  const versionId = await h.store.transaction((tx) =>
    tx.policyVersions.create(policyId, { document, createDate: h.clock.now(), setAsDefault }),
  );
  if (versionId === undefined) throw new Error('no such policy');
  return versionId;
}

export async function setDefaultVersion(h: Harness, policyId: string, versionId: string) {
  await h.store.transaction((tx) => tx.policyVersions.setDefault(policyId, versionId));
}

export async function attach(h: Harness, type: 'user' | 'group', name: string, arn: string) {
  const id = type === 'user' ? await userId(h, name) : await groupId(h, name);
  await h.store.transaction((tx) => tx.attachments.attach({ type, id }, arn));
}

export async function detach(h: Harness, type: 'user' | 'group', name: string, arn: string) {
  const id = type === 'user' ? await userId(h, name) : await groupId(h, name);
  await h.store.transaction((tx) => tx.attachments.detach({ type, id }, arn));
}

export async function setBoundary(h: Harness, userName: string, arn: string | null) {
  const id = await userId(h, userName);
  await h.store.transaction((tx) => tx.users.update(id, { permissionsBoundaryArn: arn }));
}

export async function setUserTags(h: Harness, userName: string, tags: Record<string, string>) {
  const id = await userId(h, userName);
  const list = Object.entries(tags).map(([key, value]) => ({ key, value }));
  await h.store.transaction((tx) => tx.users.update(id, { tags: list }));
}

/** Authorizes and runs like the server, with some request facts replaced. */
export function callWith<I, O>(
  h: Harness,
  action: ActionDefinition<I, O>,
  input: I,
  caller: Caller,
  facts: Partial<RequestFacts> = {},
): Promise<O> {
  return h.store.transaction(async (tx) => {
    const base = h.context(tx, caller);
    const ctx: ActionContext = { ...base, request: { ...base.request, ...facts } };
    await authorizeAction(action, input, ctx);
    return action.run(input, ctx);
  });
}

/** Whether `caller` may do it (the action's own errors count as allowed: authorization passed). */
export async function allowedTo<I, O>(
  h: Harness,
  action: ActionDefinition<I, O>,
  input: I,
  caller: Caller,
  facts: Partial<RequestFacts> = {},
): Promise<boolean> {
  try {
    await callWith(h, action, input, caller, facts);
    return true;
  } catch (error) {
    if (!isWardenError(error)) throw error;
    return error.code !== 'AccessDenied';
  }
}
