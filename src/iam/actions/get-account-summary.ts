import { ROOT_OWNER } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { QUOTAS } from '../quotas.ts';
import { ROLE_QUOTAS } from '../role-quotas.ts';

export type GetAccountSummaryInput = Record<string, never>;

/**
 * Quotas as AWS reports them today (iam-api.md B.2). Those of entities Warden does not have yet
 * (roles, policies, certificates, ...) are reported all the same, with counts of zero below.
 */
const QUOTA_ENTRIES = {
  UsersQuota: QUOTAS.usersPerAccount,
  GroupsQuota: QUOTAS.groupsPerAccount,
  GroupsPerUserQuota: QUOTAS.groupsPerUser,
  AccessKeysPerUserQuota: QUOTAS.accessKeysPerUser,
  RolesQuota: ROLE_QUOTAS.rolesPerAccount,
  InstanceProfilesQuota: ROLE_QUOTAS.instanceProfilesPerAccount,
  PoliciesQuota: 1500,
  ServerCertificatesQuota: 20,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10240,
  PolicySizeQuota: 6144,
  AssumeRolePolicySizeQuota: 2048,
  AttachedPoliciesPerUserQuota: 10,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  SigningCertificatesPerUserQuota: 2,
  VersionsPerPolicyQuota: 5,
  PolicyVersionsInUseQuota: 10000,
  GlobalEndpointTokenVersion: 1,
} as const;

/** Counts of what Warden cannot hold yet: they become real as their issues land. */
const NOT_YET = {
  ServerCertificates: 0,
  Providers: 0,
  AccountPasswordPresent: 0,
  AccountSigningCertificatesPresent: 0,
} as const;

export const GetAccountSummary: ActionDefinition<
  GetAccountSummaryInput,
  { SummaryMap: Record<string, number> }
> = {
  service: 'iam',
  name: 'GetAccountSummary',
  resource: () => '*',
  async run(_input, ctx) {
    const counts = await ctx.store.counts();
    // The Account* entries describe the root user (booleans as 0/1).
    const rootKeys = await ctx.store.accessKeys.countByOwner(ROOT_OWNER);
    const mfa = await ctx.store.mfaDevices.counts();
    return {
      SummaryMap: {
        ...QUOTA_ENTRIES,
        ...NOT_YET,
        Users: counts.users,
        Groups: counts.groups,
        Policies: counts.policies,
        PolicyVersionsInUse: counts.policyVersionsInUse,
        Roles: counts.roles,
        InstanceProfiles: counts.instanceProfiles,
        AccountAccessKeysPresent: rootKeys > 0 ? 1 : 0,
        MFADevices: mfa.devices,
        MFADevicesInUse: mfa.inUse,
        AccountMFAEnabled: mfa.root > 0 ? 1 : 0,
      },
    };
  },
};
