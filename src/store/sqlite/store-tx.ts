import type { EntityCounts, StoreTx } from '../port.ts';
import { sqliteAccessKeys } from './repos/access-keys.ts';
import { sqliteAccount, sqliteSettings } from './repos/account.ts';
import { sqliteGroups } from './repos/groups.ts';
import { sqliteLoginProfiles } from './repos/login-profiles.ts';
import { sqliteUsers } from './repos/users.ts';
import type { UseSql } from './repos/use.ts';

/**
 * Every entity table, children before parents, so deleting in this order satisfies the foreign keys.
 * A test checks that it names every table the migrations create (but schema_migrations).
 */
export const TABLES_CHILD_FIRST = [
  'group_members',
  'login_profiles',
  'access_keys',
  'users',
  'groups',
  'account',
  'settings',
];

/** The StoreTx of one transaction: repos that reach the database through `use`. */
export function sqliteStoreTx(use: UseSql): StoreTx {
  return {
    settings: sqliteSettings(use),
    account: sqliteAccount(use),
    users: sqliteUsers(use),
    groups: sqliteGroups(use),
    accessKeys: sqliteAccessKeys(use),
    loginProfiles: sqliteLoginProfiles(use),

    async counts(): Promise<EntityCounts> {
      const row = (await use()).one<EntityCounts>(
        'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM groups) AS groups',
      );
      return { users: row?.users ?? 0, groups: row?.groups ?? 0 };
    },

    async wipeAll() {
      const sql = await use();
      for (const table of TABLES_CHILD_FIRST) sql.run(`DELETE FROM ${table}`);
    },
  };
}
