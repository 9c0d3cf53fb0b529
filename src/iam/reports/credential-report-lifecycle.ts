import type { CredentialReportRecord } from '../../store/port.ts';
import type { ActionContext } from '../action.ts';
import { generateCredentialReport } from './credential-report-generator.ts';

/**
 * AWS: a report may be generated at most once every four hours; a younger one is served as is.
 * Warden also expires a report for GetCredentialReport after the same four hours (AWS does not
 * document its threshold; clients regenerate when told ReportExpired).
 */
export const REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;

/** The background job's key (the server scopes it to the account). */
export const REPORT_JOB = 'credential-report';

export const isFresh = (report: CredentialReportRecord, now: Date): boolean =>
  now.getTime() - (report.generatedTime ?? report.startedAt).getTime() < REPORT_LIFETIME_MS;

/**
 * Starts a new generation in the caller's transaction, then runs it: in the server's background
 * (pages in their own transactions, after this one commits), or inline when there is none.
 */
export async function startGeneration(ctx: ActionContext): Promise<void> {
  const startedAt = ctx.clock.now();
  const generation = await ctx.store.credentialReport.start(startedAt);
  const job = { account: ctx.account, generation, startedAt };
  if (ctx.jobs === undefined) {
    await generateCredentialReport((fn) => fn(ctx.store), job);
    return;
  }
  ctx.jobs.start(REPORT_JOB, async (store) => {
    await generateCredentialReport((fn) => store.transaction(fn), job);
  });
}
