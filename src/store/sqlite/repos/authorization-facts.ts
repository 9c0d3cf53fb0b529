import type {
  AuthorizationFacts,
  GroupPolicyFacts,
  InlinePolicyRecord,
  ManagedPolicyFacts,
  PrincipalPolicyFacts,
} from '../../port.ts';
import type { Sql } from '../sql.ts';
import { readEpoch } from './epoch.ts';
import { ALLOW_CHANGE_PASSWORD } from './password-policy.ts';
import { GROUP_COLUMNS, groupFromRow, type GroupRow } from './group-rows.ts';
import { inlineFromRow } from './inline-policies.ts';
import { versionId } from './policy-rows.ts';
import { USER_COLUMNS, userFromRow, type UserRow } from './user-rows.ts';
import type { UseSql } from './use.ts';

/** Rows of the user's own policies (owner NULL) and of its groups' (owner = group id). */
interface OwnedInlineRow {
  owner: string | null;
  policy_name: string;
  document: string;
}

interface OwnedManagedRow {
  owner: string | null;
  policy_arn: string;
  policy_id: string | null;
  default_version: number | null;
  document: string | null;
}

const prefixed = (alias: string, columns: string): string =>
  columns
    .split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');

const GROUPS_OF_USER = `SELECT ${prefixed('g', GROUP_COLUMNS)}
  FROM group_members m JOIN groups g ON g.group_id = m.group_id
  WHERE m.user_id = ? ORDER BY g.group_name_lc`;

const INLINE_OF_USER_AND_GROUPS = `
  SELECT NULL AS owner, policy_name AS policy_name, policy_name_lc AS name_lc, document AS document
    FROM user_inline_policies WHERE user_id = ?
  UNION ALL
  SELECT i.group_id, i.policy_name, i.policy_name_lc, i.document
    FROM group_members m JOIN group_inline_policies i ON i.group_id = m.group_id WHERE m.user_id = ?
  ORDER BY name_lc`;

/** Attached ARNs, with the default version's document when the ARN is a stored policy. */
const MANAGED = (from: string) => `
    LEFT JOIN policies p ON p.policy_id = a.policy_id
    LEFT JOIN policy_versions v ON v.policy_id = p.policy_id AND v.version = p.default_version
    ${from}`;

const MANAGED_OF_USER_AND_GROUPS = `
  SELECT NULL AS owner, a.policy_arn AS policy_arn, a.policy_name_lc AS name_lc, p.policy_id AS policy_id,
      p.default_version AS default_version, v.document AS document
    FROM user_policy_attachments a ${MANAGED('WHERE a.user_id = ?')}
  UNION ALL
  SELECT a.group_id, a.policy_arn, a.policy_name_lc, p.policy_id, p.default_version, v.document
    FROM group_members m JOIN group_policy_attachments a ON a.group_id = m.group_id
    ${MANAGED('WHERE m.user_id = ?')}
  ORDER BY name_lc, policy_arn`;

const BOUNDARY = `SELECT NULL AS owner, p.arn AS policy_arn, p.policy_id, p.default_version, v.document
  FROM policies p JOIN policy_versions v ON v.policy_id = p.policy_id AND v.version = p.default_version
  WHERE p.arn = ?`;

function managedFromRow(row: OwnedManagedRow): ManagedPolicyFacts {
  const { policy_arn: policyArn, policy_id: policyId, default_version: version, document } = row;
  if (policyId === null || version === null || document === null) return { policyArn };
  return { policyArn, customer: { policyId, defaultVersionId: versionId(version), document } };
}

/** Splits the rows by owner, keeping their order. */
function byOwner<Row extends { owner: string | null }, T>(rows: readonly Row[], map: (row: Row) => T) {
  const owned = new Map<string | null, T[]>();
  for (const row of rows) {
    const list = owned.get(row.owner);
    if (list === undefined) owned.set(row.owner, [map(row)]);
    else list.push(map(row));
  }
  return (owner: string | null): readonly T[] => owned.get(owner) ?? [];
}

/** StoreTx.authorizationFacts: five indexed queries, whatever the number of groups and policies. */
export async function readAuthorizationFacts(
  use: UseSql,
  userId: string,
): Promise<AuthorizationFacts | undefined> {
  const sql: Sql = await use();
  const userRow = sql.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = ?`, userId);
  if (userRow === undefined) return undefined;
  const user = userFromRow(userRow);
  const inline = byOwner<OwnedInlineRow, InlinePolicyRecord>(
    sql.all<OwnedInlineRow>(INLINE_OF_USER_AND_GROUPS, userId, userId),
    inlineFromRow,
  );
  const managed = byOwner(
    sql.all<OwnedManagedRow>(MANAGED_OF_USER_AND_GROUPS, userId, userId),
    managedFromRow,
  );
  const facts = (owner: string | null): PrincipalPolicyFacts => ({
    inlinePolicies: inline(owner),
    attachedPolicies: managed(owner),
  });
  const groups = sql
    .all<GroupRow>(GROUPS_OF_USER, userId)
    .map((row): GroupPolicyFacts => ({ group: groupFromRow(row), ...facts(row.group_id) }));
  const boundaryArn = user.permissionsBoundaryArn;
  const boundaryRow = boundaryArn === undefined ? undefined : sql.one<OwnedManagedRow>(BOUNDARY, boundaryArn);
  return {
    user,
    ...facts(null),
    ...(boundaryArn !== undefined && {
      permissionsBoundary: boundaryRow ? managedFromRow(boundaryRow) : { policyArn: boundaryArn },
    }),
    groups,
    epoch: readEpoch(sql),
    ...(sql.one<{ allow: number }>(ALLOW_CHANGE_PASSWORD)?.allow === 1 && {
      allowUsersToChangePassword: true,
    }),
  };
}
