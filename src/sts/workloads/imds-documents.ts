import type { Account } from '../../iam/action.ts';
import type { WorkloadRecord } from '../../store/port.ts';
import { instanceProfileArnOf } from './binding.ts';
import type { WorkloadSession, WorkloadState } from './credentials.ts';

/**
 * The JSON documents IMDS serves, in its shapes (EC2 User Guide, "Instance metadata categories"):
 * what SDKs and tools parse. Times are ISO 8601 without milliseconds, as IMDS writes them.
 */

export const imdsTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `iam/security-credentials/ROLE` (and the container endpoint's answer, which SDKs read alike). */
export function credentialsDocument(session: WorkloadSession): Record<string, string> {
  return {
    Code: 'Success',
    LastUpdated: imdsTime(session.issued),
    Type: 'AWS-HMAC',
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    Token: session.sessionToken,
    Expiration: imdsTime(session.expiration),
  };
}

/** The failure IMDS reports when EC2 may not assume the role (its trust policy changed). */
export function unauthorizedDocument(roleName: string, now: Date): Record<string, string> {
  return {
    Code: 'AssumeRoleUnauthorizedAccess',
    Message:
      `EC2 cannot assume the role ${roleName}. Please see documentation at ` +
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html#troubleshoot_iam-ec2_errors-info-doc.',
    LastUpdated: imdsTime(now),
  };
}

/**
 * `iam/info`: the instance profile's ARN and id. A workload bound to a role directly has no
 * instance profile: it gets Code and LastUpdated only. Undefined when IMDS would answer 404
 * (no instance profile any more).
 */
export function iamInfoDocument(
  account: Account,
  state: WorkloadState,
  now: Date,
): Record<string, string> | undefined {
  if (state.kind === 'unknown' || state.kind === 'no-instance-profile') return undefined;
  const lastUpdated = imdsTime(state.kind === 'ready' ? state.session.issued : now);
  if (state.kind === 'unauthorized') return unauthorizedDocument(state.role.roleName, now);
  const profile = state.instanceProfile;
  return {
    Code: 'Success',
    LastUpdated: lastUpdated,
    ...(profile && {
      InstanceProfileArn: instanceProfileArnOf(account, profile),
      InstanceProfileId: profile.instanceProfileId,
    }),
  };
}

export interface IdentityFacts {
  readonly region: string;
  readonly privateIp: string;
}

/**
 * `dynamic/instance-identity/document`. Warden runs no instances: the fields that describe
 * hardware or an image are null rather than invented, except those SDKs and agents read
 * (account, region, zone, instance id) and the registration time as pendingTime.
 */
export function identityDocument(
  account: Account,
  workload: WorkloadRecord,
  facts: IdentityFacts,
): Record<string, unknown> {
  return {
    accountId: account.id,
    architecture: null,
    availabilityZone: `${facts.region}a`,
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: null,
    imageId: null,
    instanceId: workload.workloadId,
    instanceType: null,
    kernelId: null,
    pendingTime: imdsTime(workload.createDate),
    privateIp: facts.privateIp,
    ramdiskId: null,
    region: facts.region,
    version: '2017-09-30',
  };
}
