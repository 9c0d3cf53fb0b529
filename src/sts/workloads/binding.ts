import { compilePolicyText, evaluate } from '../../policy/index.ts';
import type { Account } from '../../iam/action.ts';
import { instanceProfileArn, roleArn } from '../../iam/arns.ts';
import type { InstanceProfileRecord, RoleRecord, StoreTx, WorkloadBinding } from '../../store/port.ts';

/**
 * The service principal a workload's role is handed to. Warden's workloads stand in for EC2
 * instances (the IMDS endpoint) and container tasks alike, and an instance profile is EC2's: so
 * every binding is checked as EC2 does, for both iam:PassRole (iam:PassedToService) and the trust
 * policy, whether registered by instance profile or by role.
 */
export const WORKLOAD_SERVICE = 'ec2.amazonaws.com';

/** What a binding resolves to now: the instance profile (if bound to one) and its role. */
export type ResolvedBinding =
  | { readonly ok: true; readonly role: RoleRecord; readonly instanceProfile?: InstanceProfileRecord }
  | { readonly ok: false; readonly reason: 'no-instance-profile' | 'no-role'; readonly name: string };

/** Looks the binding up as it is now: an instance profile's role can change after registration. */
export async function resolveBinding(tx: StoreTx, binding: WorkloadBinding): Promise<ResolvedBinding> {
  if (binding.kind === 'role') {
    const role = await tx.roles.getByName(binding.name);
    return role === undefined ? { ok: false, reason: 'no-role', name: binding.name } : { ok: true, role };
  }
  const instanceProfile = await tx.instanceProfiles.getByName(binding.name);
  if (instanceProfile === undefined) return { ok: false, reason: 'no-instance-profile', name: binding.name };
  const role =
    instanceProfile.roleId === undefined ? undefined : await tx.roles.getById(instanceProfile.roleId);
  if (role === undefined) return { ok: false, reason: 'no-role', name: binding.name };
  return { ok: true, role, instanceProfile };
}

/** Whether the role's trust policy lets the service principal call sts:AssumeRole (as EC2 needs). */
export function trustAllowsService(account: Account, role: RoleRecord, service = WORKLOAD_SERVICE): boolean {
  const trust = compilePolicyText(role.assumeRolePolicyDocument, `trust\u0000${role.roleId}`, 'trust');
  if (!trust.ok) return false;
  const decision = evaluate(
    { identity: [], resource: [trust.policy] },
    {
      principal: { type: 'Service', arn: service, account: '', service },
      action: 'sts:AssumeRole',
      resource: roleArn(account, role.path, role.roleName),
      resourceAccount: account.id,
      context: { 'aws:PrincipalServiceName': service },
    },
  );
  return decision.effect === 'Allow';
}

export const roleArnOf = (account: Account, role: RoleRecord): string =>
  roleArn(account, role.path, role.roleName);

export const instanceProfileArnOf = (account: Account, profile: InstanceProfileRecord): string =>
  instanceProfileArn(account, profile.path, profile.instanceProfileName);
