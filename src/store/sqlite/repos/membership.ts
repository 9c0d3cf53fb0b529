import type { GroupsRepo } from '../../port.ts';
import { decodeMarker, toPage } from '../marker.ts';
import { GROUP_COLUMNS, groupFromRow, groupSortKey, type GroupRow } from './group-rows.ts';
import { USER_COLUMNS as USER_COLUMN_LIST, userFromRow, userSortKey, type UserRow } from './user-rows.ts';
import { runAndBump } from './epoch.ts';
import type { UseSql } from './use.ts';

type MembershipOps = Pick<
  GroupsRepo,
  | 'addMember'
  | 'removeMember'
  | 'isMember'
  | 'listMembers'
  | 'listGroupsForUser'
  | 'countMembers'
  | 'countGroupsForUser'
>;

const prefixed = (alias: string, columns: string): string =>
  columns
    .split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');

const USER_COLUMNS = prefixed('u', USER_COLUMN_LIST);

/** Group membership: a many-to-many table keyed by ids, listed in name order on either side. */
export function sqliteMembership(use: UseSql): MembershipOps {
  return {
    async addMember(groupId, userId) {
      const changes = runAndBump(
        await use(),
        'INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
        groupId,
        userId,
      );
      return changes === 1;
    },

    async removeMember(groupId, userId) {
      return (
        runAndBump(
          await use(),
          'DELETE FROM group_members WHERE group_id = ? AND user_id = ?',
          groupId,
          userId,
        ) === 1
      );
    },

    async isMember(groupId, userId) {
      const row = (await use()).one(
        'SELECT 1 AS one FROM group_members WHERE group_id = ? AND user_id = ?',
        groupId,
        userId,
      );
      return row !== undefined;
    },

    async listMembers(groupId, request) {
      const rows = (await use()).all<UserRow>(
        `SELECT ${USER_COLUMNS} FROM group_members m JOIN users u ON u.user_id = m.user_id
          WHERE m.group_id = ? AND u.user_name_lc > ? ORDER BY u.user_name_lc LIMIT ?`,
        groupId,
        decodeMarker(request.marker),
        request.maxItems + 1,
      );
      return toPage(rows.map(userFromRow), request.maxItems, userSortKey);
    },

    async listGroupsForUser(userId, request) {
      const rows = (await use()).all<GroupRow>(
        `SELECT ${prefixed('g', GROUP_COLUMNS)} FROM group_members m JOIN groups g ON g.group_id = m.group_id
          WHERE m.user_id = ? AND g.group_name_lc > ? ORDER BY g.group_name_lc LIMIT ?`,
        userId,
        decodeMarker(request.marker),
        request.maxItems + 1,
      );
      return toPage(rows.map(groupFromRow), request.maxItems, groupSortKey);
    },

    async countMembers(groupId) {
      return (
        (await use()).one<{ n: number }>(
          'SELECT count(*) AS n FROM group_members WHERE group_id = ?',
          groupId,
        )?.n ?? 0
      );
    },

    async countGroupsForUser(userId) {
      return (
        (await use()).one<{ n: number }>('SELECT count(*) AS n FROM group_members WHERE user_id = ?', userId)
          ?.n ?? 0
      );
    },
  };
}
