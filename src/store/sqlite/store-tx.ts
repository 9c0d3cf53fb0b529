import type { EntityCounts, StoreTx } from '../port.ts';
import { sqliteAccessKeys } from './repos/access-keys.ts';
import { sqliteAccount, sqliteSettings } from './repos/account.ts';
import { sqliteAttachments } from './repos/attachments.ts';
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
import type { UseSql } from './repos/use.ts';

/**
 * Every entity table, children before parents, so deleting in this order satisfies the foreign keys.
 * A test checks that it and TABLES_KEPT name every table the migrations create (but
 * schema_migrations).
 */
export const TABLES_CHILD_FIRST = [
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

/** The StoreTx of one transaction: repos that reach the database through `use`. */
export function sqliteStoreTx(use: UseSql): StoreTx {
  return {
    settings: sqliteSettings(use),
    account: sqliteAccount(use),
    users: sqliteUsers(use),
    groups: sqliteGroups(use),
    accessKeys: sqliteAccessKeys(use),
    loginProfiles: sqliteLoginProfiles(use),
    policies: sqlitePolicies(use),
    policyVersions: sqlitePolicyVersions(use),
    attachments: sqliteAttachments(use),
    inlinePolicies: sqliteInlinePolicies(use),
    roles: sqliteRoles(use),
    instanceProfiles: sqliteInstanceProfiles(use),
    roleDeletionTasks: sqliteRoleDeletionTasks(use),
    passwordPolicy: sqlitePasswordPolicy(use),
    passwordHistory: sqlitePasswordHistory(use),
    mfaDevices: sqliteMfaDevices(use),
    rootLogin: sqliteRootLogin(use),
    consoleSessions: sqliteConsoleSessions(use),
    sealedSecrets: sqliteSealedSecrets(use),
    sessions: sqliteSessions(use),

    async counts(): Promise<EntityCounts> {
      const row = (await use()).one<CountsRow>(COUNTS);
      return {
        users: row?.users ?? 0,
        groups: row?.groups ?? 0,
        policies: row?.policies ?? 0,
        policyVersionsInUse: row?.policy_versions_in_use ?? 0,
        roles: row?.roles ?? 0,
        instanceProfiles: row?.instance_profiles ?? 0,
      };
    },

    authorizationFacts: (userId) => readAuthorizationFacts(use, userId),
    roleAuthorizationFacts: (roleId) => readRoleAuthorizationFacts(use, roleId),

    async authzEpoch() {
      return readEpoch(await use());
    },

    async wipeAll() {
      const sql = await use();
      for (const table of TABLES_CHILD_FIRST) sql.run(`DELETE FROM ${table}`);
      bumpEpoch(sql);
    },
  };
}
