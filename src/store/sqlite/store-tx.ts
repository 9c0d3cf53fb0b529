import type { EntityCounts, StoreTx } from '../port.ts';
import { sqliteAccessAdvisor } from './repos/access-advisor.ts';
import { sqliteAccessKeys } from './repos/access-keys.ts';
import { sqliteAccount, sqliteSettings } from './repos/account.ts';
import { sqliteAttachments } from './repos/attachments.ts';
import { sqliteCredentialReport } from './repos/credential-report.ts';
import { readAuthorizationFacts } from './repos/authorization-facts.ts';
import { bumpEpoch, readEpoch } from './repos/epoch.ts';
import { sqliteGroups } from './repos/groups.ts';
import { sqliteInlinePolicies } from './repos/inline-policies.ts';
import { sqliteLoginProfiles } from './repos/login-profiles.ts';
import { sqliteMfaDevices } from './repos/mfa-devices.ts';
import { sqlitePasswordHistory, sqlitePasswordPolicy } from './repos/password-policy.ts';
import { sqlitePolicies } from './repos/policies.ts';
import { sqlitePolicyVersions } from './repos/policy-versions.ts';
import { sqliteInstanceProfiles } from './repos/instance-profiles.ts';
import { readRoleAuthorizationFacts } from './repos/role-authorization-facts.ts';
import { sqliteRoleDeletionTasks } from './repos/role-deletion-tasks.ts';
import { sqliteRoles } from './repos/roles.ts';
import { sqliteSessions } from './repos/sessions.ts';
import { sqliteConsoleSessions, sqliteRootLogin, sqliteSealedSecrets } from './repos/sign-in.ts';
import { sqliteUsers } from './repos/users.ts';
import { sqliteWorkloads } from './repos/workloads.ts';
import type { UseSql } from './repos/use.ts';

/**
 * Every entity table, children before parents, so deleting in this order satisfies the foreign keys.
 * A test checks that it and TABLES_KEPT name every table the migrations create (but
 * schema_migrations).
 */
export const TABLES_CHILD_FIRST = [
  'service_access',
  'access_report_jobs',
  'credential_report_parts',
  'credential_report',
  'workloads',
  'console_sessions',
  'sessions',
  'slr_deletion_tasks',
  'instance_profiles',
  'role_policy_attachments',
  'role_inline_policies',
  'mfa_devices',
  'password_history',
  'password_policy',
  'user_policy_attachments',
  'group_policy_attachments',
  'user_inline_policies',
  'group_inline_policies',
  'policy_versions',
  'policies',
  'group_members',
  'login_profiles',
  'access_keys',
  'users',
  'groups',
  'roles',
  'account',
  'settings',
];

/**
 * Tables wipeAll keeps: the authorization epoch only moves forward (see StoreTx.authzEpoch); the
 * root's console email and password stay what the operator was given (a reset need not re-hash).
 */
export const TABLES_KEPT = ['authz_epoch', 'root_login'];

const COUNTS = `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM groups) AS groups,
  (SELECT count(*) FROM policies) AS policies,
  (SELECT count(*) FROM user_policy_attachments)
    + (SELECT count(*) FROM group_policy_attachments)
    + (SELECT count(*) FROM role_policy_attachments) AS policy_versions_in_use,
  (SELECT count(*) FROM roles) AS roles, (SELECT count(*) FROM instance_profiles) AS instance_profiles`;

interface CountsRow {
  users: number;
  groups: number;
  policies: number;
  policy_versions_in_use: number;
  roles: number;
  instance_profiles: number;
}

/** Every repo of a transaction, each built from the transaction's `use`. */
const REPOS = {
  settings: sqliteSettings,
  account: sqliteAccount,
  users: sqliteUsers,
  groups: sqliteGroups,
  accessKeys: sqliteAccessKeys,
  loginProfiles: sqliteLoginProfiles,
  policies: sqlitePolicies,
  policyVersions: sqlitePolicyVersions,
  attachments: sqliteAttachments,
  inlinePolicies: sqliteInlinePolicies,
  roles: sqliteRoles,
  instanceProfiles: sqliteInstanceProfiles,
  roleDeletionTasks: sqliteRoleDeletionTasks,
  passwordPolicy: sqlitePasswordPolicy,
  passwordHistory: sqlitePasswordHistory,
  mfaDevices: sqliteMfaDevices,
  rootLogin: sqliteRootLogin,
  consoleSessions: sqliteConsoleSessions,
  sealedSecrets: sqliteSealedSecrets,
  sessions: sqliteSessions,
  accessAdvisor: sqliteAccessAdvisor,
  credentialReport: sqliteCredentialReport,
  workloads: sqliteWorkloads,
} as const;

type Repos = { readonly [K in keyof typeof REPOS]: ReturnType<(typeof REPOS)[K]> };

/**
 * The StoreTx of one transaction. A request touches two or three repos of the twenty, and a
 * transaction is opened several times per request: each repo is built on first use (a getter on
 * the prototype that then caches it on the instance), not all of them per transaction.
 */
class SqliteStoreTx {
  constructor(readonly use: UseSql) {}

  async counts(): Promise<EntityCounts> {
    const row = (await this.use()).one<CountsRow>(COUNTS);
    return {
      users: row?.users ?? 0,
      groups: row?.groups ?? 0,
      policies: row?.policies ?? 0,
      policyVersionsInUse: row?.policy_versions_in_use ?? 0,
      roles: row?.roles ?? 0,
      instanceProfiles: row?.instance_profiles ?? 0,
    };
  }

  authorizationFacts(userId: string) {
    return readAuthorizationFacts(this.use, userId);
  }

  roleAuthorizationFacts(roleId: string) {
    return readRoleAuthorizationFacts(this.use, roleId);
  }

  async authzEpoch() {
    return readEpoch(await this.use());
  }

  async wipeAll() {
    const sql = await this.use();
    for (const table of TABLES_CHILD_FIRST) sql.run(`DELETE FROM ${table}`);
    bumpEpoch(sql);
  }
}

for (const [name, make] of Object.entries(REPOS)) {
  Object.defineProperty(SqliteStoreTx.prototype, name, {
    get(this: SqliteStoreTx) {
      const repo: unknown = make(this.use);
      Object.defineProperty(this, name, { value: repo, enumerable: true });
      return repo;
    },
  });
}

export function sqliteStoreTx(use: UseSql): StoreTx {
  return new SqliteStoreTx(use) as SqliteStoreTx & Repos;
}
