/**
 * Gathering: the policies that apply to a principal, as policy texts with where each comes from
 * (the Simulate APIs name them). For an IAM user: its inline policies and the default versions of
 * its attached managed policies, then the same for each of its groups; its permissions boundary
 * (one managed policy) as the boundary set. Pure: the store read happens before, in one call.
 */
import type {
  AuthorizationFacts,
  ManagedPolicyFacts,
  PrincipalPolicyFacts,
  StoreTx,
  Tag,
} from '../../store/port.ts';
import { CHANGE_PASSWORD_GRANT } from '../account-grants.ts';

/** `SourcePolicyType` of the Simulate APIs' matched statements. */
export type SourcePolicyType =
  'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

/** One policy text with its origin. */
export interface SourcedPolicy {
  /** Unique within a principal's policies, stable across principals for shared documents. */
  readonly key: string;
  /** `SourcePolicyId`: the policy's name, or `PolicyInputList.1`, ... for simulated input. */
  readonly sourceId: string;
  readonly type: SourcePolicyType;
  readonly document: string;
}

/** Everything that feeds one principal's decisions. Absent boundary/session: none applies. */
export interface PrincipalPolicies {
  readonly identity: readonly SourcedPolicy[];
  readonly boundary?: readonly SourcedPolicy[];
  /** Session policies of a role or federated session (later issue). */
  readonly session?: readonly SourcedPolicy[];
  /** A resource-based policy on the target (the Simulate APIs' `ResourcePolicy`). */
  readonly resource?: readonly SourcedPolicy[];
  /** The principal's tags: `aws:PrincipalTag/KEY`. */
  readonly tags: readonly Tag[];
}

/** What the store knows about the principal that feeds the context (cached with its policies). */
export interface PrincipalFacts {
  /** The IAM user's tags: `aws:PrincipalTag/KEY`. */
  readonly tags: readonly Tag[];
}

/** Returns an AWS managed policy's default document by ARN, or undefined when unknown. */
export type AwsManagedDocuments = (arn: string) => string | undefined;

const nameOfArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/**
 * A managed policy's default document. A customer managed one comes with the facts; an AWS managed
 * one from the catalog. An ARN that resolves to nothing contributes no policy.
 */
export function managedPolicy(
  facts: ManagedPolicyFacts,
  aws: AwsManagedDocuments,
): SourcedPolicy | undefined {
  const name = nameOfArn(facts.policyArn);
  if (facts.customer !== undefined) {
    return {
      key: `managed\u0000${facts.policyArn}\u0000${facts.customer.defaultVersionId}`,
      sourceId: name,
      type: 'user-managed',
      document: facts.customer.document,
    };
  }
  const document = aws(facts.policyArn);
  return document === undefined
    ? undefined
    : { key: `managed\u0000${facts.policyArn}`, sourceId: name, type: 'aws-managed', document };
}

/** The inline and attached policies of one user or group (`owner` is its unique id). */
export function entityPolicies(
  type: 'user' | 'group',
  owner: string,
  facts: PrincipalPolicyFacts,
  aws: AwsManagedDocuments,
): SourcedPolicy[] {
  const inline = facts.inlinePolicies.map((p): SourcedPolicy => ({
    key: `${type}\u0000${owner}\u0000${p.policyName}`,
    sourceId: p.policyName,
    type,
    document: p.document,
  }));
  const attached = facts.attachedPolicies.flatMap((m) => managedPolicy(m, aws) ?? []);
  return [...inline, ...attached];
}

/** An IAM user's policies: its own, its groups', and its boundary. */
export function userPolicies(facts: AuthorizationFacts, aws: AwsManagedDocuments): PrincipalPolicies {
  const identity = [
    ...entityPolicies('user', facts.user.userId, facts, aws),
    ...facts.groups.flatMap((g) => entityPolicies('group', g.group.groupId, g, aws)),
    ...(facts.allowUsersToChangePassword === true
      ? [{ ...CHANGE_PASSWORD_GRANT, type: 'none' as const }]
      : []),
  ];
  const boundaryArn = facts.user.permissionsBoundaryArn;
  if (boundaryArn === undefined) return { identity, tags: facts.user.tags };
  // A boundary that resolves to no policy allows nothing: fail closed.
  const boundary = managedPolicy(facts.permissionsBoundary ?? { policyArn: boundaryArn }, aws);
  return { identity, boundary: boundary === undefined ? [] : [boundary], tags: facts.user.tags };
}

/** A managed policy's facts for the authorizer: its default version's document when it is a customer one. */
export async function managedFacts(tx: StoreTx, policyArn: string): Promise<ManagedPolicyFacts> {
  const policy = await tx.policies.getByArn(policyArn);
  const version = policy && (await tx.policyVersions.get(policy.policyId, policy.defaultVersionId));
  return policy === undefined || version === undefined
    ? { policyArn }
    : {
        policyArn,
        customer: {
          policyId: policy.policyId,
          defaultVersionId: version.versionId,
          document: version.document,
        },
      };
}
