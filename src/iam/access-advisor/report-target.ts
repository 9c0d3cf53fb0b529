/**
 * What a GenerateServiceLastAccessedDetails ARN names, and what its report covers: the identity
 * policies whose Allow statements decide the listed services, and the principals whose use counts.
 * AWS's meaning per type: a user's own use; a role's (through its sessions); a group's member
 * users; a managed policy's users and roles (members of groups it is attached to included).
 */
import { WardenError } from '../../core/index.ts';
import type { ActionContext } from '../action.ts';
import { groupArn, roleArn, userArn } from '../arns.ts';
import { authorizerOf } from '../authz/decision.ts';
import { policySource } from '../authz/gather-source.ts';
import { allPages, requirePolicy, type ResolvedPolicy } from '../managed-policies.ts';

/** A principal or group a report names (EntityInfo). */
export interface ReportEntity {
  readonly type: 'USER' | 'ROLE' | 'GROUP';
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  /** The principals whose use counts for it: itself, or a group's members (user ids). */
  readonly principals: readonly ReportPrincipal[];
}

export interface ReportPrincipal {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  /** The user's or role's ARN: the LastAuthenticatedEntity of a use it made. */
  readonly arn: string;
}

export interface ReportTarget {
  /** The identity policy documents that decide which services are listed. */
  readonly documents: readonly string[];
  /** The entities that could have used them (GetServiceLastAccessedDetailsWithEntities). */
  readonly entities: readonly ReportEntity[];
}

const POLICY_ARN = /^arn:[\w-]+:iam::(aws|\d{12}):policy\//;

/** Reads the target of a report: NoSuchEntity if it does not exist, InvalidInput for another ARN type. */
export async function reportTarget(ctx: ActionContext, arn: string): Promise<ReportTarget> {
  if (POLICY_ARN.test(arn)) return policyTarget(ctx, await requirePolicy(ctx.store, arn));
  const { gathered } = await policySource(ctx, arn);
  // Only policies: not the grant an account password policy gives every user (type 'none').
  const documents = gathered.identity.filter((p) => p.type !== 'none').map((p) => p.document);
  return { documents, entities: await entitiesOf(ctx, arn) };
}

/** The user, role or group the ARN names (policySource has checked that it exists). */
async function entitiesOf(ctx: ActionContext, arn: string): Promise<ReportEntity[]> {
  const resource = arn.split(':').slice(5).join(':');
  const type = resource.slice(0, resource.indexOf('/'));
  const name = resource.slice(resource.lastIndexOf('/') + 1);
  if (type === 'user') {
    const user = await ctx.store.users.getByName(name);
    return user === undefined ? [] : [userEntity(ctx, user)];
  }
  if (type === 'role') {
    const role = await ctx.store.roles.getByName(name);
    return role === undefined ? [] : [roleEntity(ctx, role)];
  }
  const group = await ctx.store.groups.getByName(name);
  return group === undefined ? [] : [await groupEntity(ctx, group)];
}

type Named = { readonly path: string };

function userEntity(ctx: ActionContext, user: Named & { userId: string; userName: string }): ReportEntity {
  const arn = userArn(ctx.account, user.path, user.userName);
  const principals = [{ id: user.userId, name: user.userName, path: user.path, arn }];
  return { type: 'USER', id: user.userId, name: user.userName, path: user.path, arn, principals };
}

function roleEntity(ctx: ActionContext, role: Named & { roleId: string; roleName: string }): ReportEntity {
  const arn = roleArn(ctx.account, role.path, role.roleName);
  const principals = [{ id: role.roleId, name: role.roleName, path: role.path, arn }];
  return { type: 'ROLE', id: role.roleId, name: role.roleName, path: role.path, arn, principals };
}

async function groupEntity(
  ctx: ActionContext,
  group: Named & { groupId: string; groupName: string },
): Promise<ReportEntity> {
  const members = await allPages((request) => ctx.store.groups.listMembers(group.groupId, request));
  return {
    type: 'GROUP',
    id: group.groupId,
    name: group.groupName,
    path: group.path,
    arn: groupArn(ctx.account, group.path, group.groupName),
    principals: members.map((u) => ({
      id: u.userId,
      name: u.userName,
      path: u.path,
      arn: userArn(ctx.account, u.path, u.userName),
    })),
  };
}

async function policyTarget(ctx: ActionContext, policy: ResolvedPolicy): Promise<ReportTarget> {
  const document = await policyDocument(ctx, policy);
  const attached = await allPages((request) =>
    ctx.store.attachments.listEntities(policy.arn, { ...request, usage: 'PermissionsPolicy' }),
  );
  const entities: ReportEntity[] = [];
  for (const entity of attached) {
    if (entity.type === 'user') {
      entities.push(userEntity(ctx, { userId: entity.id, userName: entity.name, path: entity.path }));
    } else if (entity.type === 'role') {
      entities.push(roleEntity(ctx, { roleId: entity.id, roleName: entity.name, path: entity.path }));
    } else {
      entities.push(
        await groupEntity(ctx, { groupId: entity.id, groupName: entity.name, path: entity.path }),
      );
    }
  }
  return { documents: document === undefined ? [] : [document], entities };
}

async function policyDocument(ctx: ActionContext, policy: ResolvedPolicy): Promise<string | undefined> {
  if (policy.kind === 'aws') return authorizerOf(ctx).awsManaged(policy.arn);
  const version = await ctx.store.policyVersions.get(policy.record.policyId, policy.record.defaultVersionId);
  if (version === undefined) throw new WardenError('ServiceFailure', 'The policy has no default version.');
  return version.document;
}
