import type { RoleRecord, Tag } from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';

export interface RoleRow {
  role_id: string;
  role_name: string;
  role_name_lc: string;
  path: string;
  trust_policy: string;
  description: string | null;
  max_session_duration: number;
  create_date: string;
  permissions_boundary_arn: string | null;
  last_used_date: string | null;
  last_used_region: string | null;
  linked_service: string | null;
  tags: string;
}

export const ROLE_COLUMNS =
  'role_id, role_name, role_name_lc, path, trust_policy, description, max_session_duration, create_date, ' +
  'permissions_boundary_arn, last_used_date, last_used_region, linked_service, tags';

export function roleFromRow(row: RoleRow): RoleRecord {
  return {
    roleId: row.role_id,
    roleName: row.role_name,
    path: row.path,
    assumeRolePolicyDocument: row.trust_policy,
    ...(row.description !== null && { description: row.description }),
    maxSessionDuration: row.max_session_duration,
    createDate: fromSqlDate(row.create_date),
    ...(row.permissions_boundary_arn !== null && { permissionsBoundaryArn: row.permissions_boundary_arn }),
    ...(row.last_used_date !== null && {
      lastUsed: { date: fromSqlDate(row.last_used_date), region: row.last_used_region ?? '' },
    }),
    ...(row.linked_service !== null && { linkedService: row.linked_service }),
    tags: JSON.parse(row.tags) as Tag[],
  };
}

export function roleToRow(role: RoleRecord): RoleRow {
  return {
    role_id: role.roleId,
    role_name: role.roleName,
    role_name_lc: role.roleName.toLowerCase(),
    path: role.path,
    trust_policy: role.assumeRolePolicyDocument,
    description: role.description ?? null,
    max_session_duration: role.maxSessionDuration,
    create_date: toSqlDate(role.createDate),
    permissions_boundary_arn: role.permissionsBoundaryArn ?? null,
    last_used_date: role.lastUsed === undefined ? null : toSqlDate(role.lastUsed.date),
    last_used_region: role.lastUsed?.region ?? null,
    linked_service: role.linkedService ?? null,
    tags: JSON.stringify(role.tags.map(({ key, value }) => ({ key, value }))),
  };
}

/** The row's values in ROLE_COLUMNS order. */
export const roleValues = (row: RoleRow): (string | number | null)[] => [
  row.role_id,
  row.role_name,
  row.role_name_lc,
  row.path,
  row.trust_policy,
  row.description,
  row.max_session_duration,
  row.create_date,
  row.permissions_boundary_arn,
  row.last_used_date,
  row.last_used_region,
  row.linked_service,
  row.tags,
];

export const roleSortKey = (role: RoleRecord): string => role.roleName.toLowerCase();
