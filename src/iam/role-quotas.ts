/** The role and instance profile quotas (iam-api.md B.1, AWS's current defaults). */
export const ROLE_QUOTAS = {
  rolesPerAccount: 1000,
  instanceProfilesPerAccount: 1000,
  rolesPerInstanceProfile: 1,
  defaultMaxSessionDuration: 3600,
} as const;
