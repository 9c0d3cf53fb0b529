import type {
  AccessAdvisorRepo,
  AccessReportGranularity,
  AccessReportJobRecord,
  AccessReportStatus,
  ServiceAccessRecord,
} from '../../port.ts';
import { fromSqlDate, toSqlDate, toSqlDateOrNull } from '../dates.ts';
import type { UseSql } from './use.ts';

interface AccessRow {
  principal_id: string;
  service: string;
  action: string;
  last_at: string;
  region: string;
  entity_arn: string;
}

interface JobRow {
  job_id: string;
  arn: string;
  granularity: string;
  requested_by: string;
  status: string;
  create_date: string;
  completion_date: string | null;
  report: string | null;
  error_code: string | null;
  error_message: string | null;
}

function accessFromRow(row: AccessRow): ServiceAccessRecord {
  return {
    principalId: row.principal_id,
    service: row.service,
    ...(row.action !== '' && { action: row.action }),
    time: fromSqlDate(row.last_at),
    region: row.region,
    entityArn: row.entity_arn,
  };
}

function jobFromRow(row: JobRow): AccessReportJobRecord {
  return {
    jobId: row.job_id,
    arn: row.arn,
    granularity: row.granularity as AccessReportGranularity,
    requestedBy: row.requested_by,
    status: row.status as AccessReportStatus,
    createDate: fromSqlDate(row.create_date),
    ...(row.completion_date !== null && { completionDate: fromSqlDate(row.completion_date) }),
    ...(row.report !== null && { report: row.report }),
    ...(row.error_code !== null && { error: { code: row.error_code, message: row.error_message ?? '' } }),
  };
}

// The WHERE of the upsert keeps the newest record: a late batch never moves a time backwards.
const UPSERT = `INSERT INTO service_access (principal_id, service, action, last_at, region, entity_arn)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (principal_id, service, action) DO UPDATE
    SET last_at = excluded.last_at, region = excluded.region, entity_arn = excluded.entity_arn
    WHERE excluded.last_at > service_access.last_at`;

const JOB_COLUMNS =
  'job_id, arn, granularity, requested_by, status, create_date, completion_date, report, error_code, error_message';

export function sqliteAccessAdvisor(use: UseSql): AccessAdvisorRepo {
  return {
    async record(accesses) {
      if (accesses.length === 0) return;
      const sql = await use();
      for (const a of accesses) {
        sql.run(UPSERT, a.principalId, a.service, a.action ?? '', toSqlDate(a.time), a.region, a.entityArn);
      }
    },

    async accessesOf(principalIds, filter = {}) {
      if (principalIds.length === 0) return [];
      // One read for any number of principals (a group's members, a policy's entities).
      const rows = (await use()).all<AccessRow>(
        `SELECT principal_id, service, action, last_at, region, entity_arn FROM service_access
          WHERE principal_id IN (SELECT value FROM json_each(?))
            AND ${filter.actions === true ? "action <> ''" : "action = ''"}
            AND (? IS NULL OR service = ?) AND (? IS NULL OR last_at >= ?)
          ORDER BY service, action, principal_id`,
        JSON.stringify(principalIds),
        filter.service ?? null,
        filter.service ?? null,
        toSqlDateOrNull(filter.since),
        toSqlDateOrNull(filter.since),
      );
      return rows.map(accessFromRow);
    },

    async purgeBefore(before) {
      return (await use()).run('DELETE FROM service_access WHERE last_at < ?', toSqlDate(before));
    },

    async purgeJobsBefore(before) {
      return (await use()).run('DELETE FROM access_report_jobs WHERE create_date < ?', toSqlDate(before));
    },

    async insertJob(job) {
      const changes = (await use()).run(
        `INSERT INTO access_report_jobs (${JOB_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO NOTHING`,
        job.jobId,
        job.arn,
        job.granularity,
        job.requestedBy,
        job.status,
        toSqlDate(job.createDate),
        toSqlDateOrNull(job.completionDate),
        job.report ?? null,
        job.error?.code ?? null,
        job.error?.message ?? null,
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async getJob(jobId) {
      const row = (await use()).one<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM access_report_jobs WHERE job_id = ?`,
        jobId,
      );
      return row && jobFromRow(row);
    },

    async completeJob(jobId, outcome) {
      const changes = (await use()).run(
        `UPDATE access_report_jobs
            SET status = ?, completion_date = ?, report = ?, error_code = ?, error_message = ?
          WHERE job_id = ?`,
        outcome.status,
        toSqlDateOrNull(outcome.completionDate),
        outcome.report ?? null,
        outcome.error?.code ?? null,
        outcome.error?.message ?? null,
        jobId,
      );
      return changes === 1;
    },
  };
}
