import type {
  PasswordHistoryEntry,
  PasswordHistoryRepo,
  PasswordPolicyRecord,
  PasswordPolicyRepo,
} from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import { bumpEpoch, runAndBump } from './epoch.ts';
import type { UseSql } from './use.ts';

interface PasswordPolicyRow {
  minimum_password_length: number;
  require_symbols: number;
  require_numbers: number;
  require_uppercase_characters: number;
  require_lowercase_characters: number;
  allow_users_to_change_password: number;
  max_password_age: number | null;
  password_reuse_prevention: number | null;
  hard_expiry: number;
}

const COLUMNS = `minimum_password_length, require_symbols, require_numbers, require_uppercase_characters,
  require_lowercase_characters, allow_users_to_change_password, max_password_age,
  password_reuse_prevention, hard_expiry`;

function policyFromRow(row: PasswordPolicyRow): PasswordPolicyRecord {
  return {
    minimumPasswordLength: row.minimum_password_length,
    requireSymbols: row.require_symbols === 1,
    requireNumbers: row.require_numbers === 1,
    requireUppercaseCharacters: row.require_uppercase_characters === 1,
    requireLowercaseCharacters: row.require_lowercase_characters === 1,
    allowUsersToChangePassword: row.allow_users_to_change_password === 1,
    ...(row.max_password_age !== null && { maxPasswordAge: row.max_password_age }),
    ...(row.password_reuse_prevention !== null && { passwordReusePrevention: row.password_reuse_prevention }),
    hardExpiry: row.hard_expiry === 1,
  };
}

const bit = (value: boolean): number => (value ? 1 : 0);

/** AllowUsersToChangePassword, read with the authorization facts. */
export const ALLOW_CHANGE_PASSWORD =
  'SELECT allow_users_to_change_password AS allow FROM password_policy WHERE singleton = 1';

export function sqlitePasswordPolicy(use: UseSql): PasswordPolicyRepo {
  return {
    async get() {
      const row = (await use()).one<PasswordPolicyRow>(
        `SELECT ${COLUMNS} FROM password_policy WHERE singleton = 1`,
      );
      return row && policyFromRow(row);
    },

    async put(policy) {
      const sql = await use();
      sql.run(
        `INSERT INTO password_policy (singleton, ${COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET
           minimum_password_length = excluded.minimum_password_length,
           require_symbols = excluded.require_symbols, require_numbers = excluded.require_numbers,
           require_uppercase_characters = excluded.require_uppercase_characters,
           require_lowercase_characters = excluded.require_lowercase_characters,
           allow_users_to_change_password = excluded.allow_users_to_change_password,
           max_password_age = excluded.max_password_age,
           password_reuse_prevention = excluded.password_reuse_prevention,
           hard_expiry = excluded.hard_expiry`,
        policy.minimumPasswordLength,
        bit(policy.requireSymbols),
        bit(policy.requireNumbers),
        bit(policy.requireUppercaseCharacters),
        bit(policy.requireLowercaseCharacters),
        bit(policy.allowUsersToChangePassword),
        policy.maxPasswordAge ?? null,
        policy.passwordReusePrevention ?? null,
        bit(policy.hardExpiry),
      );
      // AllowUsersToChangePassword grants permissions: cached decisions must be rebuilt.
      bumpEpoch(sql);
    },

    async delete() {
      return runAndBump(await use(), 'DELETE FROM password_policy WHERE singleton = 1') === 1;
    },
  };
}

interface HistoryRow {
  password_hash: string;
  set_date: string;
}

export function sqlitePasswordHistory(use: UseSql): PasswordHistoryRepo {
  return {
    async add(userId, entry: PasswordHistoryEntry, keep) {
      const sql = await use();
      sql.run(
        'INSERT INTO password_history (user_id, password_hash, set_date) VALUES (?, ?, ?)',
        userId,
        entry.passwordHash,
        toSqlDate(entry.setDate),
      );
      sql.run(
        `DELETE FROM password_history WHERE user_id = ? AND id NOT IN
           (SELECT id FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?)`,
        userId,
        userId,
        keep,
      );
    },

    async recent(userId, limit) {
      const rows = (await use()).all<HistoryRow>(
        'SELECT password_hash, set_date FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?',
        userId,
        limit,
      );
      return rows.map((row) => ({ passwordHash: row.password_hash, setDate: fromSqlDate(row.set_date) }));
    },
  };
}
