/**
 * ListPoliciesGrantingServiceAccess: which of a user's, group's or role's permission policies
 * allow each of some services. A user's include its groups'; inline ones name the entity that
 * embeds them, managed ones their ARN.
 */
import { WardenError } from '../../core/index.ts';
import type { ManagedPolicyFacts, PrincipalPolicyFacts } from '../../store/port.ts';
import type { ActionContext } from '../action.ts';
import { authorizerOf } from '../authz/decision.ts';
import { managedFacts, type AwsManagedDocuments } from '../authz/gather.ts';
import { noSuchGroup, noSuchUser } from '../lookups.ts';
import { noSuchRole } from '../roles.ts';
import { allowedServices } from './allowed-services.ts';
import type { ServiceCatalog } from './service-catalog.ts';

type EntityType = 'USER' | 'GROUP' | 'ROLE';

export interface WirePolicyGrantingServiceAccess {
  readonly PolicyName: string;
  readonly PolicyType: 'INLINE' | 'MANAGED';
  readonly PolicyArn?: string;
  readonly EntityType?: EntityType;
  readonly EntityName?: string;
}

interface Candidate {
  readonly wire: WirePolicyGrantingServiceAccess;
  readonly document: string;
}

const ENTITY_ARN = /^arn:[\w-]+:iam::(\d{12}):(user|group|role)\/(?:(.*)\/)?([^/]+)$/;

function policiesOf(
  type: EntityType,
  name: string,
  facts: PrincipalPolicyFacts,
  aws: AwsManagedDocuments,
): Candidate[] {
  const inline = facts.inlinePolicies.map((p) => ({
    wire: { PolicyName: p.policyName, PolicyType: 'INLINE', EntityType: type, EntityName: name } as const,
    document: p.document,
  }));
  return [...inline, ...facts.attachedPolicies.flatMap((m) => managed(m, aws))];
}

function managed(facts: ManagedPolicyFacts, aws: AwsManagedDocuments): Candidate[] {
  const document = facts.customer?.document ?? aws(facts.policyArn);
  if (document === undefined) return [];
  const PolicyName = facts.policyArn.slice(facts.policyArn.lastIndexOf('/') + 1);
  return [{ wire: { PolicyName, PolicyType: 'MANAGED', PolicyArn: facts.policyArn }, document }];
}

async function candidates(ctx: ActionContext, arn: string): Promise<Candidate[]> {
  const [, account, type, pathInArn, name = ''] = ENTITY_ARN.exec(arn) ?? [];
  if (account !== ctx.account.id) throw new WardenError('InvalidInput', `Invalid ARN: ${arn}`);
  const path = pathInArn === undefined ? '/' : `/${pathInArn}/`;
  const aws = authorizerOf(ctx).awsManaged;
  if (type === 'user') {
    const user = await ctx.store.users.getByName(name);
    const facts = user?.path === path ? await ctx.store.authorizationFacts(user.userId) : undefined;
    if (facts === undefined) throw noSuchUser(name);
    const own = policiesOf('USER', facts.user.userName, facts, aws);
    const groups = facts.groups.flatMap((g) => policiesOf('GROUP', g.group.groupName, g, aws));
    // A managed policy attached to the user and to one of its groups is listed once.
    const seen = new Set<string>();
    return [...own, ...groups].filter((c) => {
      const key =
        c.wire.PolicyArn ?? `${c.wire.EntityType}\u0000${c.wire.EntityName}\u0000${c.wire.PolicyName}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (type === 'role') {
    const role = await ctx.store.roles.getByName(name);
    const facts = role?.path === path ? await ctx.store.roleAuthorizationFacts(role.roleId) : undefined;
    if (facts === undefined) throw noSuchRole(name);
    return policiesOf('ROLE', facts.role.roleName, facts, aws);
  }
  const group = await ctx.store.groups.getByName(name);
  if (group?.path !== path) throw noSuchGroup(name);
  const entity = { type: 'group', id: group.groupId } as const;
  const inlinePolicies = await ctx.store.inlinePolicies.listAll(entity);
  const attached = await ctx.store.attachments.listForEntity(entity, { maxItems: 1000 });
  const attachedPolicies = await Promise.all(attached.items.map((a) => managedFacts(ctx.store, a.policyArn)));
  return policiesOf('GROUP', group.groupName, { inlinePolicies, attachedPolicies }, aws);
}

/** For each namespace asked about, in the order asked, the policies that allow some action of it. */
export async function policiesGrantingAccess(
  ctx: ActionContext,
  arn: string,
  namespaces: readonly string[],
  catalog: ServiceCatalog,
): Promise<{ ServiceNamespace: string; Policies: WirePolicyGrantingServiceAccess[] }[]> {
  const policies = await candidates(ctx, arn);
  const wanted = namespaces.map((n) => n.toLowerCase());
  const allowed = await Promise.all(policies.map((p) => allowedServices([p.document], catalog, wanted)));
  return wanted.map((ServiceNamespace) => ({
    ServiceNamespace,
    Policies: policies.filter((_, i) => allowed[i]?.has(ServiceNamespace) === true).map((p) => p.wire),
  }));
}
