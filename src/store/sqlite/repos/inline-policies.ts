import type { InlinePoliciesRepo, InlinePolicyRecord } from '../../port.ts';
import { decodeMarker, toPage } from '../marker.ts';
import { ENTITY_TABLES } from './entity-tables.ts';
import { bumpEpoch, runAndBump } from './epoch.ts';
import type { UseSql } from './use.ts';

interface InlineRow {
  policy_name: string;
  document: string;
}

export const inlineFromRow = (row: InlineRow): InlinePolicyRecord => ({
  policyName: row.policy_name,
  document: row.document,
});

export function sqliteInlinePolicies(use: UseSql): InlinePoliciesRepo {
  return {
    async put({ type, id }, { policyName, document }) {
      const { key, inline } = ENTITY_TABLES[type];
      const sql = await use();
      const existed = sql.one(
        `SELECT 1 AS one FROM ${inline} WHERE ${key} = ? AND policy_name_lc = ?`,
        id,
        policyName.toLowerCase(),
      );
      sql.run(
        `INSERT INTO ${inline} (${key}, policy_name, policy_name_lc, document) VALUES (?, ?, ?, ?)
         ON CONFLICT (${key}, policy_name_lc) DO UPDATE
           SET policy_name = excluded.policy_name, document = excluded.document`,
        id,
        policyName,
        policyName.toLowerCase(),
        document,
      );
      bumpEpoch(sql);
      return existed === undefined ? 'created' : 'replaced';
    },

    async get({ type, id }, policyName) {
      const { key, inline } = ENTITY_TABLES[type];
      const row = (await use()).one<InlineRow>(
        `SELECT policy_name, document FROM ${inline} WHERE ${key} = ? AND policy_name_lc = ?`,
        id,
        policyName.toLowerCase(),
      );
      return row && inlineFromRow(row);
    },

    async delete({ type, id }, policyName) {
      const { key, inline } = ENTITY_TABLES[type];
      const changes = runAndBump(
        await use(),
        `DELETE FROM ${inline} WHERE ${key} = ? AND policy_name_lc = ?`,
        id,
        policyName.toLowerCase(),
      );
      return changes === 1;
    },

    async listNames({ type, id }, request) {
      const { key, inline } = ENTITY_TABLES[type];
      const rows = (await use()).all<{ policy_name: string }>(
        `SELECT policy_name FROM ${inline} WHERE ${key} = ? AND policy_name_lc > ?
          ORDER BY policy_name_lc LIMIT ?`,
        id,
        decodeMarker(request.marker),
        request.maxItems + 1,
      );
      return toPage(
        rows.map((row) => row.policy_name),
        request.maxItems,
        (name) => name.toLowerCase(),
      );
    },

    async listAll({ type, id }) {
      const { key, inline } = ENTITY_TABLES[type];
      const rows = (await use()).all<InlineRow>(
        `SELECT policy_name, document FROM ${inline} WHERE ${key} = ? ORDER BY policy_name_lc`,
        id,
      );
      return rows.map(inlineFromRow);
    },

    async count({ type, id }) {
      const { key, inline } = ENTITY_TABLES[type];
      return (
        (await use()).one<{ n: number }>(`SELECT count(*) AS n FROM ${inline} WHERE ${key} = ?`, id)?.n ?? 0
      );
    },
  };
}
