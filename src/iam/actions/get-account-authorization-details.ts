import type { GroupRecord, RoleRecord, UserRecord } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import {
  groupDetail,
  policyDetail,
  roleDetail,
  userDetail,
  type WireGroupDetail,
  type WireManagedPolicyDetail,
  type WireRoleDetail,
  type WireUserDetail,
} from '../authorization-details.ts';
import { allPages, awsManagedPolicies, type ResolvedPolicy } from '../managed-policies.ts';
import { awsManagedUsage, usedAs } from '../policy-usage.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';

export type AuthorizationFilter = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

export interface GetAccountAuthorizationDetailsInput extends PageInput {
  readonly Filter?: readonly AuthorizationFilter[];
}

export interface GetAccountAuthorizationDetailsOutput extends PageOutput {
  readonly UserDetailList: WireUserDetail[];
  readonly GroupDetailList: WireGroupDetail[];
  readonly RoleDetailList: WireRoleDetail[];
  readonly Policies: WireManagedPolicyDetail[];
}

type Item =
  | { readonly kind: 'user'; readonly user: UserRecord }
  | { readonly kind: 'group'; readonly group: GroupRecord }
  | { readonly kind: 'role'; readonly role: RoleRecord }
  | { readonly kind: 'policy'; readonly policy: ResolvedPolicy };

const SCOPE = 'GetAccountAuthorizationDetails';
const ALL: readonly AuthorizationFilter[] = [
  'User',
  'Role',
  'Group',
  'LocalManagedPolicy',
  'AWSManagedPolicy',
];

/**
 * The whole account in one list paged across its parts (users, groups, roles, then policies). Of
 * the AWS managed policies only those in use in the account are listed (attached to an entity or
 * a permissions boundary), as AWS does.
 */
export const GetAccountAuthorizationDetails: ActionDefinition<
  GetAccountAuthorizationDetailsInput,
  GetAccountAuthorizationDetailsOutput
> = {
  service: 'iam',
  name: 'GetAccountAuthorizationDetails',
  resource: () => '*',
  async run(input, ctx) {
    const request = pageRequest(input, SCOPE);
    const wanted = new Set(input.Filter !== undefined && input.Filter.length > 0 ? input.Filter : ALL);
    const items: Item[] = [];
    if (wanted.has('User')) {
      const users = await allPages((page) => ctx.store.users.list(page));
      items.push(...users.map((user) => ({ kind: 'user', user }) as const));
    }
    if (wanted.has('Group')) {
      const groups = await allPages((page) => ctx.store.groups.list(page));
      items.push(...groups.map((group) => ({ kind: 'group', group }) as const));
    }
    if (wanted.has('Role')) {
      const roles = await allPages((page) => ctx.store.roles.list(page));
      items.push(...roles.map((role) => ({ kind: 'role', role }) as const));
    }
    if (wanted.has('LocalManagedPolicy')) {
      const local = await allPages((page) => ctx.store.policies.list(page));
      items.push(
        ...local.map(
          (record) => ({ kind: 'policy', policy: { kind: 'customer', arn: record.arn, record } }) as const,
        ),
      );
    }
    const catalog = wanted.has('AWSManagedPolicy') ? awsManagedPolicies(ctx.account.partition) : [];
    const awsUsage = await awsManagedUsage(
      ctx.store,
      catalog.map((p) => p.arn),
    );
    if (wanted.has('AWSManagedPolicy')) {
      for (const policy of catalog) {
        if (await usedAs(ctx.store, policy, ['PermissionsPolicy', 'PermissionsBoundary'], awsUsage)) {
          items.push({ kind: 'policy', policy });
        }
      }
    }
    const page = pageInMemory(items, request);
    const out = {
      UserDetailList: [] as WireUserDetail[],
      GroupDetailList: [] as WireGroupDetail[],
      RoleDetailList: [] as WireRoleDetail[],
      Policies: [] as WireManagedPolicyDetail[],
    };
    for (const item of page.items) {
      if (item.kind === 'user') out.UserDetailList.push(await userDetail(ctx.store, ctx.account, item.user));
      else if (item.kind === 'group')
        out.GroupDetailList.push(await groupDetail(ctx.store, ctx.account, item.group));
      else if (item.kind === 'role') out.RoleDetailList.push(await roleDetail(ctx, item.role));
      else out.Policies.push(await policyDetail(ctx.store, item.policy, awsUsage));
    }
    return { ...out, ...pageOutput(page, SCOPE) };
  },
};
