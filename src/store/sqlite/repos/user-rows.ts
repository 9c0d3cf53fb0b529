import type { Tag, UserRecord } from '../../port.ts';
import { fromSqlDate, toSqlDate, toSqlDateOrNull } from '../dates.ts';

export interface UserRow {
  user_id: string;
  user_name: string;
  user_name_lc: string;
  path: string;
  create_date: string;
  password_last_used: string | null;
  permissions_boundary_arn: string | null;
  tags: string;
}

export function userFromRow(row: UserRow): UserRecord {
  return {
    userId: row.user_id,
    userName: row.user_name,
    path: row.path,
    createDate: fromSqlDate(row.create_date),
    ...(row.password_last_used !== null && { passwordLastUsed: fromSqlDate(row.password_last_used) }),
    ...(row.permissions_boundary_arn !== null && { permissionsBoundaryArn: row.permissions_boundary_arn }),
    tags: JSON.parse(row.tags) as Tag[],
  };
}

export function userToRow(user: UserRecord): UserRow {
  return {
    user_id: user.userId,
    user_name: user.userName,
    user_name_lc: user.userName.toLowerCase(),
    path: user.path,
    create_date: toSqlDate(user.createDate),
    password_last_used: toSqlDateOrNull(user.passwordLastUsed),
    permissions_boundary_arn: user.permissionsBoundaryArn ?? null,
    tags: JSON.stringify(user.tags.map(({ key, value }) => ({ key, value }))),
  };
}

export const USER_COLUMNS =
  'user_id, user_name, user_name_lc, path, create_date, password_last_used, permissions_boundary_arn, tags';
export const USER_VALUES = Array.from(USER_COLUMNS.split(','), () => '?').join(', ');

export const userSortKey = (user: UserRecord): string => user.userName.toLowerCase();
