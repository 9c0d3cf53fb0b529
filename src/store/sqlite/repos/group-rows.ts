import type { GroupRecord } from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';

export interface GroupRow {
  group_id: string;
  group_name: string;
  group_name_lc: string;
  path: string;
  create_date: string;
}

export function groupFromRow(row: GroupRow): GroupRecord {
  return {
    groupId: row.group_id,
    groupName: row.group_name,
    path: row.path,
    createDate: fromSqlDate(row.create_date),
  };
}

export function groupToRow(group: GroupRecord): GroupRow {
  return {
    group_id: group.groupId,
    group_name: group.groupName,
    group_name_lc: group.groupName.toLowerCase(),
    path: group.path,
    create_date: toSqlDate(group.createDate),
  };
}

export const GROUP_COLUMNS = 'group_id, group_name, group_name_lc, path, create_date';
export const groupSortKey = (group: GroupRecord): string => group.groupName.toLowerCase();
