import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../action.ts';
import { isFresh } from '../reports/credential-report-lifecycle.ts';

export type GetCredentialReportInput = Record<string, never>;

export interface GetCredentialReportOutput {
  /** The CSV's UTF-8 bytes: the protocol layer base64-encodes a blob. */
  readonly Content: Uint8Array;
  readonly ReportFormat: 'text/csv';
  readonly GeneratedTime: Date;
}

/**
 * The report errors carry no message: AWS sends none (the CLI prints "Unknown", Go SDKs an empty
 * text). The codes and statuses are AWS's: ReportNotPresent 410, ReportInProgress 404,
 * ReportExpired 410.
 */
const reportError = (code: 'ReportNotPresent' | 'ReportInProgress' | 'ReportExpired') =>
  new WardenError(code, '');

export const GetCredentialReport: ActionDefinition<GetCredentialReportInput, GetCredentialReportOutput> = {
  service: 'iam',
  name: 'GetCredentialReport',
  resource: () => '*',
  async run(_input, ctx) {
    const report = await ctx.store.credentialReport.get();
    if (report === undefined) throw reportError('ReportNotPresent');
    if (report.state === 'INPROGRESS') throw reportError('ReportInProgress');
    if (!isFresh(report, ctx.clock.now())) throw reportError('ReportExpired');
    const csv = await ctx.store.credentialReport.content();
    return {
      Content: Buffer.from(csv, 'utf8'),
      ReportFormat: 'text/csv',
      GeneratedTime: report.generatedTime ?? report.startedAt,
    };
  },
};
