/**
 * Report jobs: GenerateServiceLastAccessedDetails computes the report at once and stores it with
 * the job (COMPLETED from the first Get), so later reads are a snapshot as in AWS. Only the
 * principal that generated a job may read it back, as AWS documents.
 */
import { WardenError } from '../../core/index.ts';
import type { AccessReportGranularity, AccessReportJobRecord } from '../../store/port.ts';
import type { ActionContext } from '../action.ts';
import { computeReport, type Report } from './report.ts';
import { reportTarget } from './report-target.ts';
import { iamDataServiceCatalog, type ServiceCatalog } from './service-catalog.ts';

/** How long a job can be read back (a Warden choice: AWS does not say). */
export const JOB_RETENTION_MS = 30 * 24 * 3600 * 1000;

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateJob(
  ctx: ActionContext,
  arn: string,
  granularity: AccessReportGranularity,
  catalog: ServiceCatalog = iamDataServiceCatalog,
): Promise<string> {
  const createDate = ctx.clock.now();
  const target = await reportTarget(ctx, arn);
  const report = await computeReport(ctx.store, target, granularity, catalog, createDate);
  const jobId = ctx.ids.requestId();
  await ctx.store.accessAdvisor.purgeJobsBefore(new Date(createDate.getTime() - JOB_RETENTION_MS));
  const inserted = await ctx.store.accessAdvisor.insertJob({
    jobId,
    arn,
    granularity,
    requestedBy: ctx.caller.arn,
    status: 'COMPLETED',
    createDate,
    completionDate: ctx.clock.now(),
    report: JSON.stringify(report),
  });
  if (inserted === 'conflict') throw new WardenError('ServiceFailure', 'A report job id was drawn twice.');
  return jobId;
}

/** The caller's job: InvalidInput for an id that is no job id, NoSuchEntity for an unknown one. */
export async function requireJob(ctx: ActionContext, jobId: string): Promise<AccessReportJobRecord> {
  if (!JOB_ID.test(jobId)) throw new WardenError('InvalidInput', `Invalid JobId: ${jobId}.`);
  const job = await ctx.store.accessAdvisor.getJob(jobId.toLowerCase());
  // Another principal's job is as unknown to the caller as one that never existed.
  if (job === undefined || job.requestedBy !== ctx.caller.arn) {
    throw new WardenError('NoSuchEntity', `The job with id ${jobId} cannot be found.`);
  }
  return job;
}

export const reportOf = (job: AccessReportJobRecord): Report =>
  job.report === undefined ? { services: [] } : (JSON.parse(job.report) as Report);
