import type { AccessReportGranularity } from '../../store/port.ts';
import type { ActionDefinition } from '../action.ts';
import { generateJob } from '../access-advisor/jobs.ts';

export interface GenerateServiceLastAccessedDetailsInput {
  readonly Arn: string;
  readonly Granularity?: AccessReportGranularity;
}

/** Starts (and, in Warden, finishes) a service last accessed report for a user, group, role or policy. */
export const GenerateServiceLastAccessedDetails: ActionDefinition<
  GenerateServiceLastAccessedDetailsInput,
  { JobId: string }
> = {
  service: 'iam',
  name: 'GenerateServiceLastAccessedDetails',
  resource: (input) => input.Arn,
  async run(input, ctx) {
    return { JobId: await generateJob(ctx, input.Arn, input.Granularity ?? 'SERVICE_LEVEL') };
  },
};
