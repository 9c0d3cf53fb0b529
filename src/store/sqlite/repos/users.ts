import type {
  InsertResult,
  Page,
  PathPageRequest,
  UpdateResult,
  UserPatch,
  UserRecord,
  UsersRepo,
} from '../../port.ts';
import { isStoreError } from '../../port.ts';
import { decodeMarker, toPage } from '../marker.ts';
import { applyPatch } from '../patch.ts';
import { bumpEpoch, runAndBump } from './epoch.ts';
import type { UseSql } from './use.ts';
import { USER_COLUMNS, USER_VALUES, userFromRow, userSortKey, userToRow, type UserRow } from './user-rows.ts';

/** Everything but passwordLastUsed feeds authorization (ARN, aws:username, boundary, tags). */
const changesDecisions = (patch: UserPatch): boolean =>
  patch.userName !== undefined ||
  patch.path !== undefined ||
  patch.permissionsBoundaryArn !== undefined ||
  patch.tags !== undefined;

export function sqliteUsers(use: UseSql): UsersRepo {
  const byId = async (userId: string): Promise<UserRecord | undefined> => {
    const row = (await use()).one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = ?`, userId);
    return row && userFromRow(row);
  };
  const values = (row: UserRow) => [
    row.user_id,
    row.user_name,
    row.user_name_lc,
    row.path,
    row.create_date,
    row.password_last_used,
    row.permissions_boundary_arn,
    row.tags,
  ];

  return {
    async getByName(userName) {
      const row = (await use()).one<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE user_name_lc = ?`,
        userName.toLowerCase(),
      );
      return row && userFromRow(row);
    },

    getById: byId,

    async insert(user): Promise<InsertResult> {
      const changes = (await use()).run(
        `INSERT INTO users (${USER_COLUMNS}) VALUES (${USER_VALUES}) ON CONFLICT DO NOTHING`,
        ...values(userToRow(user)),
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async update(userId, patch): Promise<UpdateResult> {
      const current = await byId(userId);
      if (current === undefined) return 'missing';
      const row = userToRow(applyPatch(current, patch));
      const sql = await use();
      try {
        sql.run(
          `UPDATE users SET user_name = ?, user_name_lc = ?, path = ?, password_last_used = ?,
             permissions_boundary_arn = ?, tags = ? WHERE user_id = ?`,
          row.user_name,
          row.user_name_lc,
          row.path,
          row.password_last_used,
          row.permissions_boundary_arn,
          row.tags,
          userId,
        );
        if (changesDecisions(patch)) bumpEpoch(sql);
        return 'updated';
      } catch (error) {
        if (isStoreError(error) && error.kind === 'conflict') return 'conflict';
        throw error;
      }
    },

    async delete(userId) {
      return runAndBump(await use(), 'DELETE FROM users WHERE user_id = ?', userId) === 1;
    },

    async list(request: PathPageRequest): Promise<Page<UserRecord>> {
      const prefix = request.pathPrefix ?? '/';
      const rows = (await use()).all<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users
          WHERE user_name_lc > ? AND substr(path, 1, length(?)) = ?
          ORDER BY user_name_lc LIMIT ?`,
        decodeMarker(request.marker),
        prefix,
        prefix,
        request.maxItems + 1,
      );
      return toPage(rows.map(userFromRow), request.maxItems, userSortKey);
    },

    async count() {
      return (await use()).one<{ n: number }>('SELECT count(*) AS n FROM users')?.n ?? 0;
    },
  };
}
