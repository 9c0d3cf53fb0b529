/** The IAM quotas Warden enforces and reports (iam-api.md B.1, AWS's current defaults). */
export const QUOTAS = {
  usersPerAccount: 5000,
  groupsPerAccount: 300,
  groupsPerUser: 10,
  accessKeysPerUser: 2,
} as const;
