import type { LoginProfileRecord, LoginProfilesRepo } from '../../port.ts';
import { fromSqlDate, toSqlDate, toSqlDateOrNull } from '../dates.ts';
import type { UseSql } from './use.ts';

interface LoginProfileRow {
  user_id: string;
  password_hash: string;
  create_date: string;
  password_reset_required: number;
  password_changed_date: string | null;
}

function loginProfileFromRow(row: LoginProfileRow): LoginProfileRecord {
  return {
    userId: row.user_id,
    passwordHash: row.password_hash,
    createDate: fromSqlDate(row.create_date),
    passwordResetRequired: row.password_reset_required === 1,
    ...(row.password_changed_date !== null && {
      passwordChangedDate: fromSqlDate(row.password_changed_date),
    }),
  };
}

export function sqliteLoginProfiles(use: UseSql): LoginProfilesRepo {
  return {
    async get(userId) {
      const row = (await use()).one<LoginProfileRow>(
        `SELECT user_id, password_hash, create_date, password_reset_required, password_changed_date
           FROM login_profiles WHERE user_id = ?`,
        userId,
      );
      return row && loginProfileFromRow(row);
    },

    async put(profile) {
      (await use()).run(
        `INSERT INTO login_profiles (user_id, password_hash, create_date, password_reset_required, password_changed_date)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
           create_date = excluded.create_date, password_reset_required = excluded.password_reset_required,
           password_changed_date = excluded.password_changed_date`,
        profile.userId,
        profile.passwordHash,
        toSqlDate(profile.createDate),
        profile.passwordResetRequired ? 1 : 0,
        toSqlDateOrNull(profile.passwordChangedDate),
      );
    },

    async delete(userId) {
      return (await use()).run('DELETE FROM login_profiles WHERE user_id = ?', userId) === 1;
    },
  };
}
