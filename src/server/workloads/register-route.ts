import { WardenError } from '../../core/index.ts';
import type { WorkloadBinding } from '../../store/port.ts';
import { registerWorkload } from '../../sts/workloads/register.ts';
import type { AdminHandler } from '../admin/routes.ts';

/** IAM's name patterns: instance profiles up to 128 characters, roles up to 64. */
const NAME = /^[\w+=,.@-]+$/;

/** `{InstanceProfileName}` or `{RoleName}`, exactly one, as a valid IAM name. */
export function bindingOf(body: unknown): WorkloadBinding {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const profile = fields.InstanceProfileName;
  const role = fields.RoleName;
  if ((profile === undefined) === (role === undefined)) {
    throw new WardenError('ValidationError', 'Give exactly one of InstanceProfileName and RoleName.');
  }
  const [kind, name, max] =
    profile === undefined ? (['role', role, 64] as const) : (['instance-profile', profile, 128] as const);
  const member = kind === 'role' ? 'RoleName' : 'InstanceProfileName';
  if (typeof name !== 'string' || name.length < 1 || name.length > max || !NAME.test(name)) {
    throw new WardenError(
      'ValidationError',
      `1 validation error detected: Value at '${member.charAt(0).toLowerCase()}${member.slice(1)}' failed to satisfy ` +
        `constraint: Member must be 1 to ${max} characters matching [\\w+=,.@-]+`,
    );
  }
  return { kind, name };
}

/**
 * `POST /admin/v1/workloads` {InstanceProfileName} | {RoleName} -> the workload's id, its bearer
 * token (shown once), its IMDS endpoint and its container credentials URI.
 */
export const registerWorkloadRoute: AdminHandler = async (call) => {
  const host = call.deps.workloads;
  if (host === undefined) throw new WardenError('ServiceUnavailable', 'This server does not run workloads.');
  const binding = bindingOf(call.body);
  const { workload, token } = await registerWorkload(call.ctx, binding, (workloadId) =>
    host.bindPort(call.account.id, workloadId),
  );
  return {
    body: {
      WorkloadId: workload.workloadId,
      Token: token,
      ...host.endpoints(workload),
      ...(workload.binding.kind === 'role'
        ? { RoleName: workload.binding.name }
        : { InstanceProfileName: workload.binding.name }),
    },
  };
};
