import { WardenError } from '../../core/index.ts';
import type { ActionContext } from '../../iam/action.ts';
import { authorize, decideFor } from '../../iam/authz/index.ts';
import { authorizePassRole } from '../../iam/authz/pass-role.ts';
import { noSuchInstanceProfile } from '../../iam/instance-profiles.ts';
import { noSuchRole } from '../../iam/roles.ts';
import type { WorkloadBinding, WorkloadRecord } from '../../store/port.ts';
import { resolveBinding, trustAllowsService, WORKLOAD_SERVICE } from './binding.ts';
import { hashWorkloadToken, newWorkloadId, newWorkloadToken } from './workload-secrets.ts';

/** The permission registering a workload needs (beside iam:PassRole on its role). */
export const REGISTER_WORKLOAD = 'warden:RegisterWorkload';

/** What `warden:RegisterWorkload` is authorized on: the workload's own ARN (Warden's namespace). */
export const workloadArn = (ctx: Pick<ActionContext, 'account'>, workloadId: string): string =>
  `arn:${ctx.account.partition}:warden::${ctx.account.id}:workload/${workloadId}`;

/** The EC2 instance a workload stands for, as iam:AssociatedResourceArn carries it. */
const instanceArn = (ctx: Pick<ActionContext, 'account' | 'request'>, workloadId: string): string =>
  `arn:${ctx.account.partition}:ec2:${ctx.request.region}:${ctx.account.id}:instance/${workloadId}`;

/** Where the workload's IMDS listener listens; `close` undoes it if the registration fails. */
export interface BoundPort {
  readonly port: number;
  close(): Promise<void>;
}

export interface RegisteredWorkload {
  readonly workload: WorkloadRecord;
  /** Shown once: only its hash is stored. */
  readonly token: string;
}

/**
 * Registers a workload bound to an instance profile or a role, for the caller in ctx: needs
 * `warden:RegisterWorkload` on the workload and `iam:PassRole` on the role with
 * iam:PassedToService ec2.amazonaws.com (escalation: a workload acts with the role's permissions).
 * The role's trust policy must let ec2.amazonaws.com assume it, as EC2 requires of an instance
 * profile's role; refused here with a clear message rather than failing later in IMDS. `bindPort`
 * opens the workload's IMDS listener; it is closed again if the registration does not complete.
 */
export async function registerWorkload(
  ctx: ActionContext,
  binding: WorkloadBinding,
  bindPort: (workloadId: string) => Promise<BoundPort>,
): Promise<RegisteredWorkload> {
  const workloadId = newWorkloadId(ctx.ids);
  const decide = decideFor(ctx);
  await authorize(ctx.caller, REGISTER_WORKLOAD, workloadArn(ctx, workloadId), decide);
  const resolved = await resolveBinding(ctx.store, binding);
  if (!resolved.ok) {
    if (resolved.reason === 'no-instance-profile') throw noSuchInstanceProfile(binding.name);
    if (binding.kind === 'role') throw noSuchRole(binding.name);
    throw new WardenError('InvalidInput', `Instance Profile ${binding.name} has no role.`);
  }
  const { role } = resolved;
  await authorizePassRole(
    ctx,
    role,
    { service: WORKLOAD_SERVICE, associatedResourceArn: instanceArn(ctx, workloadId) },
    decide,
  );
  if (!trustAllowsService(ctx.account, role)) {
    throw new WardenError(
      'InvalidInput',
      `The trust policy of role ${role.roleName} does not allow ${WORKLOAD_SERVICE} to assume it: ` +
        'a workload gets its credentials as an EC2 instance does, so the role must trust the service principal ' +
        `${WORKLOAD_SERVICE} for sts:AssumeRole.`,
    );
  }
  const token = newWorkloadToken(ctx.ids);
  const bound = await bindPort(workloadId);
  try {
    const workload: WorkloadRecord = {
      workloadId,
      binding: { kind: binding.kind, name: resolved.instanceProfile?.instanceProfileName ?? role.roleName },
      tokenHash: hashWorkloadToken(token),
      imdsPort: bound.port,
      createDate: ctx.clock.now(),
    };
    // 68 random bits: a clash is next to impossible, and then the caller simply retries.
    if ((await ctx.store.workloads.insert(workload)) === 'conflict') {
      throw new WardenError('ConcurrentModification', 'The workload id was taken: retry the registration.');
    }
    return { workload, token };
  } catch (error) {
    await bound.close();
    throw error;
  }
}
