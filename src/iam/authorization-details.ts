import type { GroupRecord, PolicyEntityRef, RoleRecord, StoreTx, UserRecord } from '../store/port.ts';
import type { Account } from './action.ts';
import { toWireAttached, type WireAttachedPolicy } from './attachments.ts';
import { AWS_MANAGED } from './aws-managed/index.ts';
import { allPages, type ResolvedPolicy } from './managed-policies.ts';
import { usageCounts, type AwsManagedUsage } from './policy-usage.ts';
import {
  awsManagedVersion,
  toWirePolicy,
  toWireVersion,
  type WirePolicy,
  type WirePolicyVersion,
} from './policy-wire.ts';
import { toWireTags, type WireTag } from './tags.ts';
import { toWireInstanceProfile, type WireInstanceProfile } from './instance-profiles.ts';
import { arnOfRole, boundaryOf, roleLastUsed, type WireRole } from './roles.ts';
import { toListedUser, toWireGroup, type WireGroup, type WireUser } from './wire.ts';
import { trustPolicyToShow, type TrustReader } from './trust-policy.ts';

/** The detail shapes of GetAccountAuthorizationDetails, one builder each. */

export interface WirePolicyDetail {
  readonly PolicyName: string;
  /** Verbatim; the protocol renderer URL-encodes it. */
  readonly PolicyDocument: string;
}

export interface WireUserDetail extends Omit<WireUser, 'PasswordLastUsed'> {
  readonly UserPolicyList: WirePolicyDetail[];
  readonly GroupList: string[];
  readonly AttachedManagedPolicies: WireAttachedPolicy[];
  readonly Tags: WireTag[];
}

export interface WireGroupDetail extends WireGroup {
  readonly GroupPolicyList: WirePolicyDetail[];
  readonly AttachedManagedPolicies: WireAttachedPolicy[];
}

export type WireRoleDetail = Omit<WireRole, 'Description' | 'MaxSessionDuration'> & {
  readonly InstanceProfileList: WireInstanceProfile[];
  readonly RolePolicyList: WirePolicyDetail[];
  readonly AttachedManagedPolicies: WireAttachedPolicy[];
  readonly Tags: WireTag[];
};

export type WireManagedPolicyDetail = Omit<WirePolicy, 'Tags'> & {
  readonly PolicyVersionList: WirePolicyVersion[];
};

async function inlineDetails(store: StoreTx, ref: PolicyEntityRef): Promise<WirePolicyDetail[]> {
  const policies = await store.inlinePolicies.listAll(ref);
  return policies.map((p) => ({ PolicyName: p.policyName, PolicyDocument: p.document }));
}

async function attachedDetails(store: StoreTx, ref: PolicyEntityRef): Promise<WireAttachedPolicy[]> {
  const refs = await allPages((page) => store.attachments.listForEntity(ref, page));
  return refs.map(toWireAttached);
}

export async function userDetail(
  store: StoreTx,
  account: Account,
  user: UserRecord,
): Promise<WireUserDetail> {
  const ref = { type: 'user', id: user.userId } as const;
  const groups = await allPages((page) => store.groups.listGroupsForUser(user.userId, page));
  // UserDetail has no PasswordLastUsed (unlike User).
  const { PasswordLastUsed: _lastUsed, ...listed } = toListedUser(account, user);
  return {
    ...listed,
    UserPolicyList: await inlineDetails(store, ref),
    GroupList: groups.map((g) => g.groupName),
    AttachedManagedPolicies: await attachedDetails(store, ref),
    ...(user.permissionsBoundaryArn === undefined
      ? {}
      : {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: user.permissionsBoundaryArn,
          },
        }),
    Tags: toWireTags(user.tags),
  };
}

export async function groupDetail(
  store: StoreTx,
  account: Account,
  group: GroupRecord,
): Promise<WireGroupDetail> {
  const ref = { type: 'group', id: group.groupId } as const;
  return {
    ...toWireGroup(account, group),
    GroupPolicyList: await inlineDetails(store, ref),
    AttachedManagedPolicies: await attachedDetails(store, ref),
  };
}

/** A role with its instance profiles (each with its role), inline and attached policies, last use. */
export async function roleDetail(reader: TrustReader, role: RoleRecord): Promise<WireRoleDetail> {
  const { store, account } = reader;
  const ref = { type: 'role', id: role.roleId } as const;
  const profiles = await allPages((page) => store.instanceProfiles.listForRole(role.roleId, page));
  const instanceProfiles: WireInstanceProfile[] = [];
  for (const p of profiles) instanceProfiles.push(await toWireInstanceProfile(reader, p, false));
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: arnOfRole(account, role),
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: await trustPolicyToShow(reader, role.assumeRolePolicyDocument),
    InstanceProfileList: instanceProfiles,
    RolePolicyList: await inlineDetails(store, ref),
    AttachedManagedPolicies: await attachedDetails(store, ref),
    ...boundaryOf(role.permissionsBoundaryArn),
    Tags: toWireTags(role.tags),
    RoleLastUsed: roleLastUsed(role),
  };
}

/** With every version and its document (AWS managed ones: the default version the catalog holds). */
export async function policyDetail(
  store: StoreTx,
  policy: ResolvedPolicy,
  awsUsage: AwsManagedUsage,
): Promise<WireManagedPolicyDetail> {
  const { Tags: _tags, ...wire } = toWirePolicy(policy, await usageCounts(store, policy, awsUsage), true);
  const versions =
    policy.kind === 'aws'
      ? [awsManagedVersion(policy, AWS_MANAGED.document(policy.info))]
      : await store.policyVersions.list(policy.record.policyId);
  return { ...wire, PolicyVersionList: versions.map((v) => toWireVersion(v, true)) };
}
