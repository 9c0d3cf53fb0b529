import type { ActionDefinition } from '../action.ts';
import { isFresh, REPORT_JOB, startGeneration } from '../reports/credential-report-lifecycle.ts';

export type GenerateCredentialReportInput = Record<string, never>;

export interface GenerateCredentialReportOutput {
  readonly State: 'STARTED' | 'INPROGRESS' | 'COMPLETE';
  readonly Description?: string;
}

/** AWS's words when there was no report (the only Description AWS is seen to send). */
const NO_REPORT = 'No report exists. Starting a new report generation task';

/**
 * COMPLETE while the last report is younger than four hours; INPROGRESS while one is being
 * generated; otherwise starts a new one (STARTED), which runs off the request. A generation left
 * unfinished (the server stopped, or the job failed) is started afresh.
 */
export const GenerateCredentialReport: ActionDefinition<
  GenerateCredentialReportInput,
  GenerateCredentialReportOutput
> = {
  service: 'iam',
  name: 'GenerateCredentialReport',
  resource: () => '*',
  async run(_input, ctx) {
    const report = await ctx.store.credentialReport.get();
    if (report?.state === 'COMPLETE' && isFresh(report, ctx.clock.now())) return { State: 'COMPLETE' };
    if (report?.state === 'INPROGRESS' && ctx.jobs?.running(REPORT_JOB) === true)
      return { State: 'INPROGRESS' };
    await startGeneration(ctx);
    return report === undefined ? { State: 'STARTED', Description: NO_REPORT } : { State: 'STARTED' };
  },
};
