import { WardenError } from '../../core/index.ts';
import type { ActionContext } from '../../iam/action.ts';
import { authorize, decideFor } from '../../iam/authz/index.ts';
import type { WorkloadRecord } from '../../store/port.ts';
import { workloadArn } from './register.ts';
import { WORKLOAD_ID } from './workload-secrets.ts';

export const LIST_WORKLOADS = 'warden:ListWorkloads';
export const DEREGISTER_WORKLOAD = 'warden:DeregisterWorkload';

const noSuchWorkload = (workloadId: string): WardenError =>
  new WardenError('NoSuchEntity', `The workload with id ${workloadId} cannot be found.`);

/** Every workload of the account, for a caller allowed `warden:ListWorkloads` on `workload/*`. */
export async function listWorkloads(ctx: ActionContext): Promise<readonly WorkloadRecord[]> {
  await authorize(ctx.caller, LIST_WORKLOADS, workloadArn(ctx, '*'), decideFor(ctx));
  return ctx.store.workloads.list();
}

/**
 * Deletes a workload for a caller allowed `warden:DeregisterWorkload` on it; `closePort` closes its
 * IMDS listener. Sessions already handed out stay valid until they expire, as an instance's do
 * when its instance profile is disassociated (a Deny on aws:TokenIssueTime revokes them sooner).
 */
export async function deregisterWorkload(
  ctx: ActionContext,
  workloadId: string,
  closePort: () => Promise<void>,
): Promise<void> {
  await authorize(ctx.caller, DEREGISTER_WORKLOAD, workloadArn(ctx, workloadId), decideFor(ctx));
  if (!WORKLOAD_ID.test(workloadId) || !(await ctx.store.workloads.delete(workloadId))) {
    throw noSuchWorkload(workloadId);
  }
  await closePort();
}
