import type { ActionDefinition } from '../action.ts';
import { reportOf, requireJob } from '../access-advisor/jobs.ts';
import { jobHeader, toWireService, type WireServiceLastAccessed } from '../access-advisor/wire.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';

export interface GetServiceLastAccessedDetailsInput extends PageInput {
  readonly JobId: string;
}

export interface GetServiceLastAccessedDetailsOutput extends PageOutput {
  readonly JobStatus: string;
  readonly JobType: string;
  readonly JobCreationDate: Date;
  readonly JobCompletionDate?: Date;
  readonly ServicesLastAccessed: WireServiceLastAccessed[];
}

const SCOPE = 'GetServiceLastAccessedDetails';

/** The report of a job the caller generated: every allowed service, by namespace, a page at a time. */
export const GetServiceLastAccessedDetails: ActionDefinition<
  GetServiceLastAccessedDetailsInput,
  GetServiceLastAccessedDetailsOutput
> = {
  service: 'iam',
  name: 'GetServiceLastAccessedDetails',
  resource: () => '*',
  async run(input, ctx) {
    const job = await requireJob(ctx, input.JobId);
    const page = pageInMemory(reportOf(job).services, pageRequest(input, SCOPE));
    return {
      ...jobHeader(job),
      JobType: job.granularity,
      ServicesLastAccessed: page.items.map(toWireService),
      ...pageOutput(page, SCOPE),
    };
  },
};
