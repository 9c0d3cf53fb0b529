import type { PolicyEntityType, PolicyUsage } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { requirePolicy } from '../managed-policies.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { targetPolicyKeys } from '../policy-condition-keys.ts';

export type EntityFilter = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

export interface ListEntitiesForPolicyInput extends PageInput {
  readonly PolicyArn: string;
  readonly EntityFilter?: EntityFilter;
  readonly PathPrefix?: string;
  readonly PolicyUsageFilter?: PolicyUsage;
}

export interface ListEntitiesForPolicyOutput extends PageOutput {
  readonly PolicyGroups: { GroupName: string; GroupId: string }[];
  readonly PolicyUsers: { UserName: string; UserId: string }[];
  readonly PolicyRoles: { RoleName: string; RoleId: string }[];
}

const SCOPE = 'ListEntitiesForPolicy';

/**
 * The entity types a filter lets through; `null` when it lets nothing through. The policy-kind
 * filters pass every entity of a policy of that kind and none of the other kind.
 */
function entityTypes(filter: EntityFilter | undefined, aws: boolean): PolicyEntityType | undefined | null {
  switch (filter) {
    case 'User':
      return 'user';
    case 'Group':
      return 'group';
    case 'Role':
      return 'role';
    case 'LocalManagedPolicy':
      return aws ? null : undefined;
    case 'AWSManagedPolicy':
      return aws ? undefined : null;
    default:
      return undefined;
  }
}

export const ListEntitiesForPolicy: ActionDefinition<
  ListEntitiesForPolicyInput,
  ListEntitiesForPolicyOutput
> = {
  service: 'iam',
  name: 'ListEntitiesForPolicy',
  resource: (input) => input.PolicyArn,
  conditionKeys: (input, ctx) => targetPolicyKeys(ctx, input.PolicyArn),
  async run(input, ctx) {
    const policy = await requirePolicy(ctx.store, input.PolicyArn);
    const request = pageRequest(input, SCOPE);
    const type = entityTypes(input.EntityFilter, policy.kind === 'aws');
    const empty = { PolicyGroups: [], PolicyUsers: [], PolicyRoles: [], IsTruncated: false };
    if (type === null) return empty;
    const page = await ctx.store.attachments.listEntities(policy.arn, {
      ...request,
      entityType: type,
      pathPrefix: input.PathPrefix,
      usage: input.PolicyUsageFilter,
    });
    return {
      PolicyGroups: page.items
        .filter((e) => e.type === 'group')
        .map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: page.items
        .filter((e) => e.type === 'user')
        .map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: page.items
        .filter((e) => e.type === 'role')
        .map((e) => ({ RoleName: e.name, RoleId: e.id })),
      ...pageOutput(page, SCOPE),
    };
  },
};
