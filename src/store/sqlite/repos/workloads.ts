import type { WorkloadBinding, WorkloadRecord, WorkloadsRepo } from '../../port-workloads.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import type { UseSql } from './use.ts';

interface WorkloadRow {
  workload_id: string;
  binding_kind: WorkloadBinding['kind'];
  binding_name: string;
  token_hash: string;
  imds_port: number;
  create_date: string;
}

const COLUMNS = 'workload_id, binding_kind, binding_name, token_hash, imds_port, create_date';

const workloadFromRow = (row: WorkloadRow): WorkloadRecord => ({
  workloadId: row.workload_id,
  binding: { kind: row.binding_kind, name: row.binding_name },
  tokenHash: row.token_hash,
  imdsPort: row.imds_port,
  createDate: fromSqlDate(row.create_date),
});

export function sqliteWorkloads(use: UseSql): WorkloadsRepo {
  return {
    async insert(w) {
      const changes = (await use()).run(
        `INSERT INTO workloads (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        w.workloadId,
        w.binding.kind,
        w.binding.name,
        w.tokenHash,
        w.imdsPort,
        toSqlDate(w.createDate),
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },
    async get(workloadId) {
      const row = (await use()).one<WorkloadRow>(
        `SELECT ${COLUMNS} FROM workloads WHERE workload_id = ?`,
        workloadId,
      );
      return row && workloadFromRow(row);
    },
    async list() {
      return (await use())
        .all<WorkloadRow>(`SELECT ${COLUMNS} FROM workloads ORDER BY workload_id`)
        .map(workloadFromRow);
    },
    async setImdsPort(workloadId, port) {
      return (
        (await use()).run('UPDATE workloads SET imds_port = ? WHERE workload_id = ?', port, workloadId) === 1
      );
    },
    async delete(workloadId) {
      return (await use()).run('DELETE FROM workloads WHERE workload_id = ?', workloadId) === 1;
    },
  };
}
