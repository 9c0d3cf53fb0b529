import {
  ROOT_OWNER,
  type AccessKeyRecord,
  type AccessKeysRepo,
  type AccessKeyStatus,
  type InsertResult,
} from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import type { UseSql } from './use.ts';

interface AccessKeyRow {
  access_key_id: string;
  user_id: string | null;
  status: string;
  sealed_secret: string;
  create_date: string;
  last_used_date: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

/** The root's keys have no user: user_id NULL in SQL, ROOT_OWNER in the domain. */
const ownerToSql = (owner: string): string | null => (owner === ROOT_OWNER ? null : owner);

function accessKeyFromRow(row: AccessKeyRow): AccessKeyRecord {
  return {
    accessKeyId: row.access_key_id,
    owner: row.user_id ?? ROOT_OWNER,
    status: row.status as AccessKeyStatus,
    sealedSecret: row.sealed_secret,
    createDate: fromSqlDate(row.create_date),
    ...(row.last_used_date !== null && { lastUsedDate: fromSqlDate(row.last_used_date) }),
    ...(row.last_used_service !== null && { lastUsedService: row.last_used_service }),
    ...(row.last_used_region !== null && { lastUsedRegion: row.last_used_region }),
  };
}

const COLUMNS =
  'access_key_id, user_id, status, sealed_secret, create_date, last_used_date, last_used_service, last_used_region';

/** A use is written when the stored one is this much older, or came from another service/region. */
export const RECORD_USE_GRANULARITY_MS = 60_000;

export function sqliteAccessKeys(use: UseSql): AccessKeysRepo {
  return {
    async get(accessKeyId) {
      const row = (await use()).one<AccessKeyRow>(
        `SELECT ${COLUMNS} FROM access_keys WHERE access_key_id = ?`,
        accessKeyId,
      );
      return row && accessKeyFromRow(row);
    },

    async listByOwner(owner) {
      const rows = (await use()).all<AccessKeyRow>(
        `SELECT ${COLUMNS} FROM access_keys WHERE user_id IS ? ORDER BY create_date, access_key_id`,
        ownerToSql(owner),
      );
      return rows.map(accessKeyFromRow);
    },

    async listByOwners(owners) {
      const sql = await use();
      const byOwner = new Map<string, AccessKeyRecord[]>(owners.map((owner) => [owner, []]));
      const users = owners.filter((owner) => owner !== ROOT_OWNER);
      // One indexed read for the page (json_each feeds the id list as one parameter).
      const rows = sql.all<AccessKeyRow>(
        `SELECT ${COLUMNS} FROM access_keys
          WHERE user_id IN (SELECT value FROM json_each(?)) ORDER BY user_id, create_date, access_key_id`,
        JSON.stringify(users),
      );
      if (users.length < owners.length) {
        rows.push(
          ...sql.all<AccessKeyRow>(
            `SELECT ${COLUMNS} FROM access_keys WHERE user_id IS NULL ORDER BY create_date, access_key_id`,
          ),
        );
      }
      for (const row of rows) byOwner.get(row.user_id ?? ROOT_OWNER)?.push(accessKeyFromRow(row));
      return byOwner;
    },

    async countByOwner(owner) {
      const row = (await use()).one<{ n: number }>(
        'SELECT count(*) AS n FROM access_keys WHERE user_id IS ?',
        ownerToSql(owner),
      );
      return row?.n ?? 0;
    },

    async insert(key): Promise<InsertResult> {
      const changes = (await use()).run(
        `INSERT INTO access_keys (access_key_id, user_id, status, sealed_secret, create_date)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        key.accessKeyId,
        ownerToSql(key.owner),
        key.status,
        key.sealedSecret,
        toSqlDate(key.createDate),
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async setStatus(accessKeyId, status) {
      return (
        (await use()).run(
          'UPDATE access_keys SET status = ? WHERE access_key_id = ?',
          status,
          accessKeyId,
        ) === 1
      );
    },

    async delete(accessKeyId) {
      return (await use()).run('DELETE FROM access_keys WHERE access_key_id = ?', accessKeyId) === 1;
    },

    async recordUse(accessKeyId, { date, service, region }) {
      const at = toSqlDate(date);
      const stale = toSqlDate(new Date(date.getTime() - RECORD_USE_GRANULARITY_MS));
      // The WHERE clause makes a repeat use within the minute a no-op: no page is dirtied, so the
      // surrounding transaction commits without writing (or syncing) anything.
      (await use()).run(
        `UPDATE access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ?
          WHERE access_key_id = ? AND (
            last_used_date IS NULL OR last_used_date <= ?
            OR ((last_used_service IS NOT ? OR last_used_region IS NOT ?) AND last_used_date <= ?))`,
        at,
        service,
        region,
        accessKeyId,
        stale,
        service,
        region,
        at,
      );
    },
  };
}
