import type { ManagedPolicyRecord, NewManagedPolicy, Tag } from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';

export interface PolicyRow {
  policy_id: string;
  policy_name: string;
  policy_name_lc: string;
  arn: string;
  path: string;
  description: string | null;
  create_date: string;
  update_date: string;
  default_version: number;
  tags: string;
  attachment_count: number;
  boundary_count: number;
}

export const versionId = (version: number): string => `v${version}`;

/** `v3` -> 3; anything that is not a version id we issue -> undefined. */
export function versionNumber(versionId: string): number | undefined {
  const match = /^v([1-9][0-9]{0,8})$/.exec(versionId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function policyFromRow(row: PolicyRow): ManagedPolicyRecord {
  return {
    policyId: row.policy_id,
    policyName: row.policy_name,
    path: row.path,
    arn: row.arn,
    ...(row.description !== null && { description: row.description }),
    createDate: fromSqlDate(row.create_date),
    updateDate: fromSqlDate(row.update_date),
    defaultVersionId: versionId(row.default_version),
    tags: JSON.parse(row.tags) as Tag[],
    attachmentCount: row.attachment_count,
    permissionsBoundaryUsageCount: row.boundary_count,
  };
}

export const tagsToSql = (tags: readonly Tag[]): string =>
  JSON.stringify(tags.map(({ key, value }) => ({ key, value })));

/** The columns of a new policy, in POLICY_INSERT_COLUMNS order (v1 is both default and last). */
export function newPolicyValues(policy: NewManagedPolicy): (string | number | null)[] {
  const created = toSqlDate(policy.createDate);
  return [
    policy.policyId,
    policy.policyName,
    policy.policyName.toLowerCase(),
    policy.arn,
    policy.path,
    policy.description ?? null,
    created,
    created,
    1,
    1,
    tagsToSql(policy.tags),
  ];
}

export const POLICY_INSERT_COLUMNS =
  'policy_id, policy_name, policy_name_lc, arn, path, description, create_date, update_date, default_version, last_version, tags';

/** A policy row with its derived usage counts (each an indexed count on the ARN). */
export const POLICY_SELECT = `SELECT p.policy_id, p.policy_name, p.policy_name_lc, p.arn, p.path, p.description,
    p.create_date, p.update_date, p.default_version, p.tags,
    (SELECT count(*) FROM user_policy_attachments a WHERE a.policy_arn = p.arn)
      + (SELECT count(*) FROM group_policy_attachments a WHERE a.policy_arn = p.arn)
      + (SELECT count(*) FROM role_policy_attachments a WHERE a.policy_arn = p.arn) AS attachment_count,
    (SELECT count(*) FROM users u WHERE u.permissions_boundary_arn = p.arn)
      + (SELECT count(*) FROM roles r WHERE r.permissions_boundary_arn = p.arn) AS boundary_count
  FROM policies p`;

export const policySortKey = (policy: ManagedPolicyRecord): string => policy.policyName.toLowerCase();
