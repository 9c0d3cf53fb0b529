import type { ActionDefinition } from '../action.ts';
import { entityDetails, type WireEntityDetails } from '../access-advisor/entity-details.ts';
import { requireJob } from '../access-advisor/jobs.ts';
import { jobHeader } from '../access-advisor/wire.ts';
import { pageInMemory, pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';

export interface GetServiceLastAccessedDetailsWithEntitiesInput extends PageInput {
  readonly JobId: string;
  readonly ServiceNamespace: string;
}

export interface GetServiceLastAccessedDetailsWithEntitiesOutput extends PageOutput {
  readonly JobStatus: string;
  readonly JobCreationDate: Date;
  readonly JobCompletionDate?: Date;
  readonly EntityDetailsList: WireEntityDetails[];
}

const SCOPE = 'GetServiceLastAccessedDetailsWithEntities';

/** Who among a job's entities (a group's users, a policy's users and roles) last used one service. */
export const GetServiceLastAccessedDetailsWithEntities: ActionDefinition<
  GetServiceLastAccessedDetailsWithEntitiesInput,
  GetServiceLastAccessedDetailsWithEntitiesOutput
> = {
  service: 'iam',
  name: 'GetServiceLastAccessedDetailsWithEntities',
  resource: () => '*',
  async run(input, ctx) {
    const job = await requireJob(ctx, input.JobId);
    const details = await entityDetails(ctx, job, input.ServiceNamespace);
    const page = pageInMemory(details, pageRequest(input, SCOPE));
    return { ...jobHeader(job), EntityDetailsList: [...page.items], ...pageOutput(page, SCOPE) };
  },
};
