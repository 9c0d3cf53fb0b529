/** Access advisor's wire shapes (PascalCase, as the IAM model names them). */
import type { AccessReportJobRecord } from '../../store/port.ts';
import type { ReportedService } from './report.ts';

export interface WireTrackedAction {
  readonly ActionName: string;
  readonly LastAccessedEntity?: string;
  readonly LastAccessedTime?: Date;
  readonly LastAccessedRegion?: string;
}

export interface WireServiceLastAccessed {
  readonly ServiceName: string;
  readonly ServiceNamespace: string;
  readonly LastAuthenticated?: Date;
  readonly LastAuthenticatedEntity?: string;
  readonly LastAuthenticatedRegion?: string;
  readonly TotalAuthenticatedEntities: number;
  readonly TrackedActionsLastAccessed?: WireTrackedAction[];
}

export function toWireService(service: ReportedService): WireServiceLastAccessed {
  const { last } = service;
  return {
    ServiceName: service.name,
    ServiceNamespace: service.namespace,
    ...(last !== undefined && {
      LastAuthenticated: new Date(last.time),
      LastAuthenticatedEntity: last.entityArn,
      LastAuthenticatedRegion: last.region,
    }),
    TotalAuthenticatedEntities: service.totalEntities,
    ...(service.actions !== undefined && {
      TrackedActionsLastAccessed: service.actions.map((a) => ({
        ActionName: a.name,
        LastAccessedEntity: a.entityArn,
        LastAccessedTime: new Date(a.time),
        LastAccessedRegion: a.region,
      })),
    }),
  };
}

/** JobStatus, the dates, and Error for a failed job. */
export function jobHeader(job: AccessReportJobRecord) {
  return {
    JobStatus: job.status,
    JobCreationDate: job.createDate,
    // Required by the model; absent only while a job is in progress (Warden's never are).
    ...(job.completionDate !== undefined && { JobCompletionDate: job.completionDate }),
    ...(job.error !== undefined && { Error: { Message: job.error.message, Code: job.error.code } }),
  };
}
