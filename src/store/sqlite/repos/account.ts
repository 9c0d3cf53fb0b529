import {
  StoreError,
  type AccountRecord,
  type AccountRepo,
  type InsertResult,
  type SettingsRepo,
} from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import type { UseSql } from './use.ts';

interface AccountRow {
  account_id: string;
  create_date: string;
  alias: string | null;
}

function accountFromRow(row: AccountRow): AccountRecord {
  return {
    accountId: row.account_id,
    createDate: fromSqlDate(row.create_date),
    ...(row.alias !== null && { alias: row.alias }),
  };
}

export function sqliteAccount(use: UseSql): AccountRepo {
  return {
    async get() {
      const row = (await use()).one<AccountRow>(
        'SELECT account_id, create_date, alias FROM account WHERE singleton = 1',
      );
      return row && accountFromRow(row);
    },

    async create({ accountId, createDate }): Promise<InsertResult> {
      const changes = (await use()).run(
        'INSERT INTO account (singleton, account_id, create_date) VALUES (1, ?, ?) ON CONFLICT DO NOTHING',
        accountId,
        toSqlDate(createDate),
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async setAlias(alias) {
      const changes = (await use()).run('UPDATE account SET alias = ? WHERE singleton = 1', alias);
      if (changes === 0) throw new StoreError('constraint', 'setAlias: the account does not exist yet');
    },

    async deleteAlias() {
      return (
        (await use()).run('UPDATE account SET alias = NULL WHERE singleton = 1 AND alias IS NOT NULL') === 1
      );
    },
  };
}

export function sqliteSettings(use: UseSql): SettingsRepo {
  return {
    async get(key) {
      return (await use()).one<{ value: string }>('SELECT value FROM settings WHERE key = ?', key)?.value;
    },

    async put(key, value) {
      (await use()).run(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        key,
        value,
      );
    },

    async delete(key) {
      return (await use()).run('DELETE FROM settings WHERE key = ?', key) === 1;
    },
  };
}
