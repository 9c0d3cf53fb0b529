import { StoreError, type PolicyVersionRecord, type PolicyVersionsRepo } from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import { bumpEpoch, runAndBump } from './epoch.ts';
import { versionId, versionNumber } from './policy-rows.ts';
import type { UseSql } from './use.ts';

interface VersionRow {
  policy_id: string;
  version: number;
  document: string;
  create_date: string;
  is_default: number;
}

function versionFromRow(row: VersionRow): PolicyVersionRecord {
  return {
    policyId: row.policy_id,
    versionId: versionId(row.version),
    document: row.document,
    isDefault: row.is_default === 1,
    createDate: fromSqlDate(row.create_date),
  };
}

const VERSION_SELECT = `SELECT v.policy_id, v.version, v.document, v.create_date,
    (v.version = p.default_version) AS is_default
  FROM policy_versions v JOIN policies p ON p.policy_id = v.policy_id`;

export function sqlitePolicyVersions(use: UseSql): PolicyVersionsRepo {
  return {
    async get(policyId, id) {
      const number = versionNumber(id);
      if (number === undefined) return undefined;
      const row = (await use()).one<VersionRow>(
        `${VERSION_SELECT} WHERE v.policy_id = ? AND v.version = ?`,
        policyId,
        number,
      );
      return row && versionFromRow(row);
    },

    async list(policyId) {
      const rows = (await use()).all<VersionRow>(
        `${VERSION_SELECT} WHERE v.policy_id = ? ORDER BY v.version DESC`,
        policyId,
      );
      return rows.map(versionFromRow);
    },

    async count(policyId) {
      return (
        (await use()).one<{ n: number }>(
          'SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?',
          policyId,
        )?.n ?? 0
      );
    },

    async create(policyId, { document, createDate, setAsDefault }) {
      const sql = await use();
      // last_version only grows, so a deleted number is never handed out again.
      const changes = sql.run(
        `UPDATE policies SET last_version = last_version + 1, update_date = ?,
           default_version = CASE WHEN ? = 1 THEN last_version + 1 ELSE default_version END
         WHERE policy_id = ?`,
        toSqlDate(createDate),
        setAsDefault ? 1 : 0,
        policyId,
      );
      if (changes !== 1) return undefined;
      const number =
        sql.one<{ n: number }>('SELECT last_version AS n FROM policies WHERE policy_id = ?', policyId)?.n ??
        0;
      sql.run(
        'INSERT INTO policy_versions (policy_id, version, document, create_date) VALUES (?, ?, ?, ?)',
        policyId,
        number,
        document,
        toSqlDate(createDate),
      );
      bumpEpoch(sql);
      return versionId(number);
    },

    async setDefault(policyId, id) {
      const number = versionNumber(id);
      if (number === undefined) return false;
      const changes = runAndBump(
        await use(),
        `UPDATE policies SET default_version = ? WHERE policy_id = ?
           AND EXISTS (SELECT 1 FROM policy_versions WHERE policy_id = ? AND version = ?)`,
        number,
        policyId,
        policyId,
        number,
      );
      return changes === 1;
    },

    async delete(policyId, id) {
      const number = versionNumber(id);
      if (number === undefined) return false;
      const sql = await use();
      const isDefault = sql.one(
        'SELECT 1 AS one FROM policies WHERE policy_id = ? AND default_version = ?',
        policyId,
        number,
      );
      if (isDefault !== undefined)
        throw new StoreError('constraint', 'the default version of a policy goes only with the policy');
      return (
        runAndBump(
          sql,
          'DELETE FROM policy_versions WHERE policy_id = ? AND version = ?',
          policyId,
          number,
        ) === 1
      );
    },
  };
}
