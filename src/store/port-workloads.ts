/**
 * The storage port's workloads part (StoreTx.workloads): processes, containers or VMs that stand
 * in for EC2 instances and get a role's temporary credentials without stored keys. Same
 * conventions as port.ts: camelCase records, `undefined` for absence.
 */

/** What a workload is bound to: an instance profile (its role at the time) or a role directly. */
export interface WorkloadBinding {
  readonly kind: 'instance-profile' | 'role';
  /** The instance profile's or the role's name, as given (looked up case-insensitively). */
  readonly name: string;
}

export interface WorkloadRecord {
  /** `i-` followed by 17 lowercase hex digits, like an EC2 instance id. */
  readonly workloadId: string;
  readonly binding: WorkloadBinding;
  /** SHA-256 (hex) of the bearer token: the token itself is never stored. */
  readonly tokenHash: string;
  /** The port of the workload's own IMDS listener (reopened at start). */
  readonly imdsPort: number;
  readonly createDate: Date;
}

export interface WorkloadsRepo {
  /** 'conflict' when the id or the token hash is already taken. */
  insert(workload: WorkloadRecord): Promise<'inserted' | 'conflict'>;
  get(workloadId: string): Promise<WorkloadRecord | undefined>;
  /** Every workload, in id order (the server opens one listener each at start). */
  list(): Promise<readonly WorkloadRecord[]>;
  /** Moves the IMDS listener to another port (the old one was taken); false if no such workload. */
  setImdsPort(workloadId: string, port: number): Promise<boolean>;
  /** True only for the call that deleted it. */
  delete(workloadId: string): Promise<boolean>;
}
