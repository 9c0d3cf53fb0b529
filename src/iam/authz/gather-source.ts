/**
 * The policies of the entity a `PolicySourceArn` names (SimulatePrincipalPolicy,
 * GetContextKeysForPrincipalPolicy): for a user, exactly what enforcement gathers (the same
 * store read and the same gathering); for a group, its own inline and attached policies; for a
 * role, its inline and attached policies and its boundary.
 */
import { WardenError } from '../../core/index.ts';
import type { RequestPrincipal } from '../../policy/index.ts';
import type { GroupRecord } from '../../store/port.ts';
import type { ActionContext } from '../action.ts';
import { noSuchGroup, noSuchUser } from '../lookups.ts';
import { authorizerOf } from './decision.ts';
import { entityPolicies, managedFacts, userPolicies, type PrincipalPolicies } from './gather.ts';
import { rolePolicies } from './gather-role.ts';

export interface PolicySource {
  readonly gathered: PrincipalPolicies;
  /** The simulated caller when no CallerArn is given. */
  readonly caller: RequestPrincipal;
}

const ENTITY_ARN = /^arn:[\w-]+:iam::(\d{12}):(user|group|role)\/(?:(.*)\/)?([^/]+)$/;

async function groupPolicies(ctx: ActionContext, group: GroupRecord): Promise<PrincipalPolicies> {
  const entity = { type: 'group', id: group.groupId } as const;
  const inlinePolicies = await ctx.store.inlinePolicies.listAll(entity);
  // At most 10 attached policies per entity: one page holds them all.
  const attached = await ctx.store.attachments.listForEntity(entity, { maxItems: 1000 });
  const attachedPolicies = await Promise.all(attached.items.map((a) => managedFacts(ctx.store, a.policyArn)));
  const facts = { inlinePolicies, attachedPolicies };
  return { identity: entityPolicies('group', group.groupId, facts, authorizerOf(ctx).awsManaged), tags: [] };
}

export async function policySource(ctx: ActionContext, arn: string): Promise<PolicySource> {
  const match = ENTITY_ARN.exec(arn);
  const [, account, type, pathInArn, name] = match ?? [];
  const path = pathInArn === undefined ? '/' : `/${pathInArn}/`;
  if (account === undefined || type === undefined || name === undefined || account !== ctx.account.id) {
    throw new WardenError('InvalidInput', `Invalid ARN: ${arn}`);
  }
  if (type === 'user') {
    const found = await ctx.store.users.getByName(name);
    // The ARN names the entity with its path: the same name under another path is another entity.
    const user = found?.path === path ? found : undefined;
    const facts = user && (await ctx.store.authorizationFacts(user.userId));
    if (facts === undefined) throw noSuchUser(name);
    return {
      gathered: userPolicies(facts, authorizerOf(ctx).awsManaged),
      caller: { type: 'User', arn, account, userId: facts.user.userId },
    };
  }
  if (type === 'group') {
    const found = await ctx.store.groups.getByName(name);
    const group = found?.path === path ? found : undefined;
    if (group === undefined) throw noSuchGroup(name);
    return { gathered: await groupPolicies(ctx, group), caller: { type: 'User', arn, account } };
  }
  const role = await ctx.store.roles.getByName(name);
  const facts = role && (await ctx.store.roleAuthorizationFacts(role.roleId));
  if (facts === undefined)
    throw new WardenError('NoSuchEntity', `The role with name ${name} cannot be found.`);
  // Simulated as the role itself (its sessions add their own session policies).
  return {
    gathered: rolePolicies(facts, authorizerOf(ctx).awsManaged),
    caller: { type: 'AssumedRole', arn, account, roleArn: arn, userId: facts.role.roleId },
  };
}
