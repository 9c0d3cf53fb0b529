import { WardenError } from '../../core/index.ts';
import { deregisterWorkload, listWorkloads } from '../../sts/workloads/manage.ts';
import type { WorkloadRecord } from '../../store/port.ts';
import type { AdminCall, AdminHandler } from '../admin/routes.ts';
import type { WorkloadHost } from './runtime.ts';

function hostOf(call: AdminCall): WorkloadHost {
  const host = call.deps.workloads;
  if (host === undefined) throw new WardenError('ServiceUnavailable', 'This server does not run workloads.');
  return host;
}

const wireWorkload = (host: WorkloadHost, w: WorkloadRecord) => ({
  WorkloadId: w.workloadId,
  ...(w.binding.kind === 'role' ? { RoleName: w.binding.name } : { InstanceProfileName: w.binding.name }),
  ...host.endpoints(w),
  CreateDate: w.createDate.toISOString(),
});

/** `GET /admin/v1/workloads` -> {Workloads: [...]} (never their tokens: only hashes are kept). */
export const listWorkloadsRoute: AdminHandler = async (call) => {
  const host = hostOf(call);
  const workloads = await listWorkloads(call.ctx);
  return { body: { Workloads: workloads.map((w) => wireWorkload(host, w)) } };
};

/** `DELETE /admin/v1/workloads?WorkloadId=i-...`: the listener closes; issued sessions run out. */
export const deregisterWorkloadRoute: AdminHandler = async (call) => {
  const host = hostOf(call);
  const workloadId = call.query.get('WorkloadId');
  if (workloadId === null || workloadId === '') {
    throw new WardenError('ValidationError', 'The WorkloadId query parameter is required.');
  }
  await deregisterWorkload(call.ctx, workloadId, () => host.closePort(workloadId));
  return { body: {} };
};
