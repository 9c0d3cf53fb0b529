import {
  StoreError,
  type InsertResult,
  type ManagedPoliciesRepo,
  type ManagedPolicyRecord,
} from '../../port.ts';
import { toSqlDate } from '../dates.ts';
import { decodeMarker, toPage } from '../marker.ts';
import { ENTITY_TABLES } from './entity-tables.ts';
import { bumpEpoch, runAndBump } from './epoch.ts';
import {
  newPolicyValues,
  POLICY_INSERT_COLUMNS,
  POLICY_SELECT,
  policyFromRow,
  policySortKey,
  tagsToSql,
  type PolicyRow,
} from './policy-rows.ts';
import type { UseSql } from './use.ts';

export function sqlitePolicies(use: UseSql): ManagedPoliciesRepo {
  const oneBy = async (where: string, value: string): Promise<ManagedPolicyRecord | undefined> => {
    const row = (await use()).one<PolicyRow>(`${POLICY_SELECT} WHERE ${where} = ?`, value);
    return row && policyFromRow(row);
  };

  return {
    getByName: (policyName) => oneBy('p.policy_name_lc', policyName.toLowerCase()),
    getById: (policyId) => oneBy('p.policy_id', policyId),
    getByArn: (arn) => oneBy('p.arn', arn),

    async insert(policy): Promise<InsertResult> {
      const sql = await use();
      const changes = sql.run(
        `INSERT INTO policies (${POLICY_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
        ...newPolicyValues(policy),
      );
      if (changes !== 1) return 'conflict';
      sql.run(
        'INSERT INTO policy_versions (policy_id, version, document, create_date) VALUES (?, 1, ?, ?)',
        policy.policyId,
        policy.document,
        toSqlDate(policy.createDate),
      );
      // Attachments made by ARN before the policy existed (the actions do not, but the port allows
      // it) now point at it, like any other: it then joins authorizationFacts and blocks delete.
      for (const { attachments } of Object.values(ENTITY_TABLES))
        sql.run(`UPDATE ${attachments} SET policy_id = ? WHERE policy_arn = ?`, policy.policyId, policy.arn);
      bumpEpoch(sql);
      return 'inserted';
    },

    async setTags(policyId, tags) {
      const sql = await use();
      return (
        runAndBump(sql, 'UPDATE policies SET tags = ? WHERE policy_id = ?', tagsToSql(tags), policyId) === 1
      );
    },

    async delete(policyId) {
      const sql = await use();
      const policy = sql.one<{ default_version: number; blockers: number }>(
        `SELECT p.default_version,
           (SELECT count(*) FROM policy_versions v WHERE v.policy_id = p.policy_id AND v.version <> p.default_version)
           + (SELECT count(*) FROM user_policy_attachments a WHERE a.policy_id = p.policy_id)
           + (SELECT count(*) FROM group_policy_attachments a WHERE a.policy_id = p.policy_id)
           + (SELECT count(*) FROM role_policy_attachments a WHERE a.policy_id = p.policy_id) AS blockers
         FROM policies p WHERE p.policy_id = ?`,
        policyId,
      );
      if (policy === undefined) return false;
      // Checked before writing anything, so a caller that catches the error finds the policy intact.
      if (policy.blockers > 0)
        throw new StoreError('constraint', 'the policy is still attached or has non-default versions');
      sql.run('DELETE FROM policy_versions WHERE policy_id = ?', policyId);
      sql.run('DELETE FROM policies WHERE policy_id = ?', policyId);
      bumpEpoch(sql);
      return true;
    },

    async list(request) {
      const prefix = request.pathPrefix ?? '/';
      const usedAs = request.usedAs ?? [];
      const asPolicy = usedAs.includes('PermissionsPolicy') ? 1 : 0;
      const asBoundary = usedAs.includes('PermissionsBoundary') ? 1 : 0;
      const rows = (await use()).all<PolicyRow>(
        `SELECT * FROM (${POLICY_SELECT}
           WHERE p.policy_name_lc > ? AND substr(p.path, 1, length(?)) = ?)
          WHERE ? = 0 OR (? = 1 AND attachment_count > 0) OR (? = 1 AND boundary_count > 0)
          ORDER BY policy_name_lc LIMIT ?`,
        decodeMarker(request.marker),
        prefix,
        prefix,
        usedAs.length,
        asPolicy,
        asBoundary,
        request.maxItems + 1,
      );
      return toPage(rows.map(policyFromRow), request.maxItems, policySortKey);
    },

    async count() {
      return (await use()).one<{ n: number }>('SELECT count(*) AS n FROM policies')?.n ?? 0;
    },
  };
}
