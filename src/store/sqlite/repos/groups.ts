import type { GroupRecord, GroupsRepo, InsertResult, UpdateResult } from '../../port.ts';
import { isStoreError } from '../../port.ts';
import { decodeMarker, toPage } from '../marker.ts';
import { applyPatch } from '../patch.ts';
import { bumpEpoch, runAndBump } from './epoch.ts';
import { GROUP_COLUMNS, groupFromRow, groupSortKey, groupToRow, type GroupRow } from './group-rows.ts';
import { sqliteMembership } from './membership.ts';
import type { UseSql } from './use.ts';

export function sqliteGroups(use: UseSql): GroupsRepo {
  const byId = async (groupId: string): Promise<GroupRecord | undefined> => {
    const row = (await use()).one<GroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM groups WHERE group_id = ?`,
      groupId,
    );
    return row && groupFromRow(row);
  };

  return {
    async getByName(groupName) {
      const row = (await use()).one<GroupRow>(
        `SELECT ${GROUP_COLUMNS} FROM groups WHERE group_name_lc = ?`,
        groupName.toLowerCase(),
      );
      return row && groupFromRow(row);
    },

    getById: byId,

    async insert(group): Promise<InsertResult> {
      const row = groupToRow(group);
      const changes = (await use()).run(
        `INSERT INTO groups (${GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        row.group_id,
        row.group_name,
        row.group_name_lc,
        row.path,
        row.create_date,
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async update(groupId, patch): Promise<UpdateResult> {
      const current = await byId(groupId);
      if (current === undefined) return 'missing';
      const row = groupToRow(applyPatch(current, patch));
      const sql = await use();
      try {
        sql.run(
          'UPDATE groups SET group_name = ?, group_name_lc = ?, path = ? WHERE group_id = ?',
          row.group_name,
          row.group_name_lc,
          row.path,
          groupId,
        );
        bumpEpoch(sql);
        return 'updated';
      } catch (error) {
        if (isStoreError(error) && error.kind === 'conflict') return 'conflict';
        throw error;
      }
    },

    async delete(groupId) {
      return runAndBump(await use(), 'DELETE FROM groups WHERE group_id = ?', groupId) === 1;
    },

    async list(request) {
      const prefix = request.pathPrefix ?? '/';
      const rows = (await use()).all<GroupRow>(
        `SELECT ${GROUP_COLUMNS} FROM groups
          WHERE group_name_lc > ? AND substr(path, 1, length(?)) = ?
          ORDER BY group_name_lc LIMIT ?`,
        decodeMarker(request.marker),
        prefix,
        prefix,
        request.maxItems + 1,
      );
      return toPage(rows.map(groupFromRow), request.maxItems, groupSortKey);
    },

    async count() {
      return (await use()).one<{ n: number }>('SELECT count(*) AS n FROM groups')?.n ?? 0;
    },

    ...sqliteMembership(use),
  };
}
