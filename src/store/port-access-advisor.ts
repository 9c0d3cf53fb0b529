/**
 * The storage port's access advisor part (StoreTx.accessAdvisor): the last use of each service
 * (and, for tracked services, of each action) by each principal, written in batches by the
 * tracker, and the report jobs of GenerateServiceLastAccessedDetails. Same conventions as port.ts.
 */

/**
 * One principal's latest use of a service, or of one action of it. The principal is an IAM user
 * (its userId) or a role (its roleId: a role session's use counts for its role).
 */
export interface ServiceAccessRecord {
  readonly principalId: string;
  /** The service namespace, lower case (`iam`, `s3`). */
  readonly service: string;
  /** The action name (`GetUser`) for an action-level record; absent for the service-level one. */
  readonly action?: string | undefined;
  readonly time: Date;
  /** The region of the request (the credential scope's). */
  readonly region: string;
  /** Who made it: the user's ARN, or the role session's (`arn:aws:sts::...:assumed-role/R/S`). */
  readonly entityArn: string;
}

export type AccessReportGranularity = 'SERVICE_LEVEL' | 'ACTION_LEVEL';
export type AccessReportStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** A GenerateServiceLastAccessedDetails job. The report itself is opaque text to the store. */
export interface AccessReportJobRecord {
  /** A UUID. */
  readonly jobId: string;
  /** The user, group, role or managed policy ARN the report is about. */
  readonly arn: string;
  readonly granularity: AccessReportGranularity;
  /** The ARN of the caller that asked: only it may read the job back (as AWS documents). */
  readonly requestedBy: string;
  readonly status: AccessReportStatus;
  readonly createDate: Date;
  readonly completionDate?: Date | undefined;
  /** The computed report (JSON) once COMPLETED. */
  readonly report?: string | undefined;
  readonly error?: { readonly code: string; readonly message: string } | undefined;
}

export interface AccessAdvisorRepo {
  /**
   * Keeps, per (principal, service, action), the newest record: one older than the stored one
   * changes nothing (batches may arrive out of order). Several records with the same key in one
   * call are fine.
   */
  record(accesses: readonly ServiceAccessRecord[]): Promise<void>;
  /**
   * The records of these principals: service-level ones only, or with `actions` the action-level
   * ones only; optionally only those of one service, at or after `since`.
   */
  accessesOf(
    principalIds: readonly string[],
    filter?: { readonly actions?: boolean; readonly service?: string; readonly since?: Date },
  ): Promise<readonly ServiceAccessRecord[]>;
  /** Deletes records older than `before` (the tracking window); returns how many went. */
  purgeBefore(before: Date): Promise<number>;

  /** Deletes jobs created before `before`; returns how many went. */
  purgeJobsBefore(before: Date): Promise<number>;
  /** `'conflict'` if the id exists. */
  insertJob(job: AccessReportJobRecord): Promise<'inserted' | 'conflict'>;
  getJob(jobId: string): Promise<AccessReportJobRecord | undefined>;
  /** Sets the outcome of a job (status, completion date, report or error); false if no such job. */
  completeJob(
    jobId: string,
    outcome: Pick<AccessReportJobRecord, 'status' | 'completionDate' | 'report' | 'error'>,
  ): Promise<boolean>;
}
