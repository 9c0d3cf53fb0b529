import type { RoleRecord, RolesRepo } from '../../port.ts';
import { toSqlDate } from '../dates.ts';
import { decodeMarker, toPage } from '../marker.ts';
import { applyPatch } from '../patch.ts';
import { bumpEpoch, runAndBump } from './epoch.ts';
import { ROLE_COLUMNS, roleFromRow, roleSortKey, roleToRow, roleValues, type RoleRow } from './role-rows.ts';
import type { UseSql } from './use.ts';

/** As for access keys: a session's repeated use within a minute writes nothing. */
const RECORD_USE_GRANULARITY_MS = 60_000;

const PLACEHOLDERS = ROLE_COLUMNS.split(',')
  .map(() => '?')
  .join(', ');

export function sqliteRoles(use: UseSql): RolesRepo {
  const oneBy = async (where: string, value: string): Promise<RoleRecord | undefined> => {
    const row = (await use()).one<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM roles WHERE ${where} = ?`, value);
    return row && roleFromRow(row);
  };

  return {
    getByName: (roleName) => oneBy('role_name_lc', roleName.toLowerCase()),
    getById: (roleId) => oneBy('role_id', roleId),

    async insert(role) {
      const { lastUsed: _ignored, ...fresh } = role;
      const changes = (await use()).run(
        `INSERT INTO roles (${ROLE_COLUMNS}) VALUES (${PLACEHOLDERS}) ON CONFLICT DO NOTHING`,
        ...roleValues(roleToRow(fresh)),
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async update(roleId, patch) {
      const current = await oneBy('role_id', roleId);
      if (current === undefined) return false;
      const row = roleToRow(applyPatch(current, patch));
      const sql = await use();
      sql.run(
        `UPDATE roles SET trust_policy = ?, description = ?, max_session_duration = ?,
           permissions_boundary_arn = ?, tags = ? WHERE role_id = ?`,
        row.trust_policy,
        row.description,
        row.max_session_duration,
        row.permissions_boundary_arn,
        row.tags,
        roleId,
      );
      bumpEpoch(sql);
      return true;
    },

    async recordUse(roleId, { date, region }) {
      const at = toSqlDate(date);
      const stale = toSqlDate(new Date(date.getTime() - RECORD_USE_GRANULARITY_MS));
      (await use()).run(
        `UPDATE roles SET last_used_date = ?, last_used_region = ?
          WHERE role_id = ? AND (last_used_date IS NULL OR last_used_date <= ?
            OR (last_used_region IS NOT ? AND last_used_date <= ?))`,
        at,
        region,
        roleId,
        stale,
        region,
        at,
      );
    },

    async delete(roleId) {
      return runAndBump(await use(), 'DELETE FROM roles WHERE role_id = ?', roleId) === 1;
    },

    async list(request) {
      const prefix = request.pathPrefix ?? '/';
      const rows = (await use()).all<RoleRow>(
        `SELECT ${ROLE_COLUMNS} FROM roles
          WHERE role_name_lc > ? AND substr(path, 1, length(?)) = ?
          ORDER BY role_name_lc LIMIT ?`,
        decodeMarker(request.marker),
        prefix,
        prefix,
        request.maxItems + 1,
      );
      return toPage(rows.map(roleFromRow), request.maxItems, roleSortKey);
    },

    async count() {
      return (await use()).one<{ n: number }>('SELECT count(*) AS n FROM roles')?.n ?? 0;
    },
  };
}
