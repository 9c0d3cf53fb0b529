import type { InlinePolicyRecord, ManagedPolicyFacts, RoleAuthorizationFacts } from '../../port.ts';
import { readEpoch } from './epoch.ts';
import { inlineFromRow } from './inline-policies.ts';
import { versionId } from './policy-rows.ts';
import { ROLE_COLUMNS, roleFromRow, type RoleRow } from './role-rows.ts';
import type { UseSql } from './use.ts';

interface ManagedRow {
  policy_arn: string;
  policy_id: string | null;
  default_version: number | null;
  document: string | null;
}

/** Attached ARNs, with the default version's document when the ARN is a stored policy. */
const ATTACHED = `SELECT a.policy_arn, p.policy_id, p.default_version, v.document
  FROM role_policy_attachments a
  LEFT JOIN policies p ON p.policy_id = a.policy_id
  LEFT JOIN policy_versions v ON v.policy_id = p.policy_id AND v.version = p.default_version
  WHERE a.role_id = ? ORDER BY a.policy_name_lc, a.policy_arn`;

const INLINE = `SELECT policy_name, document FROM role_inline_policies WHERE role_id = ?
  ORDER BY policy_name_lc`;

const BOUNDARY = `SELECT p.arn AS policy_arn, p.policy_id, p.default_version, v.document
  FROM policies p JOIN policy_versions v ON v.policy_id = p.policy_id AND v.version = p.default_version
  WHERE p.arn = ?`;

function managedFromRow(row: ManagedRow): ManagedPolicyFacts {
  const { policy_arn: policyArn, policy_id: policyId, default_version: version, document } = row;
  if (policyId === null || version === null || document === null) return { policyArn };
  return { policyArn, customer: { policyId, defaultVersionId: versionId(version), document } };
}

/** StoreTx.roleAuthorizationFacts: four indexed queries, whatever the number of policies. */
export async function readRoleAuthorizationFacts(
  use: UseSql,
  roleId: string,
): Promise<RoleAuthorizationFacts | undefined> {
  const sql = await use();
  const row = sql.one<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM roles WHERE role_id = ?`, roleId);
  if (row === undefined) return undefined;
  const role = roleFromRow(row);
  const inlinePolicies: InlinePolicyRecord[] = sql
    .all<{ policy_name: string; document: string }>(INLINE, roleId)
    .map(inlineFromRow);
  const attachedPolicies = sql.all<ManagedRow>(ATTACHED, roleId).map(managedFromRow);
  const boundaryArn = role.permissionsBoundaryArn;
  const boundaryRow = boundaryArn === undefined ? undefined : sql.one<ManagedRow>(BOUNDARY, boundaryArn);
  return {
    role,
    inlinePolicies,
    attachedPolicies,
    ...(boundaryArn !== undefined && {
      permissionsBoundary: boundaryRow ? managedFromRow(boundaryRow) : { policyArn: boundaryArn },
    }),
    epoch: readEpoch(sql),
  };
}
