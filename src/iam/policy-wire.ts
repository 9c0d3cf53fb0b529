import type { PolicyVersionRecord } from '../store/port.ts';
import type { ResolvedPolicy } from './managed-policies.ts';
import type { PolicyUsageCounts } from './policy-usage.ts';
import { toWireTags, type WireTag } from './tags.ts';

/** Managed policies and their versions as AWS output shapes. */

export interface WirePolicy {
  readonly PolicyName: string;
  readonly PolicyId: string;
  readonly Arn: string;
  readonly Path: string;
  readonly DefaultVersionId: string;
  readonly AttachmentCount: number;
  readonly PermissionsBoundaryUsageCount: number;
  readonly IsAttachable: boolean;
  readonly Description?: string;
  readonly CreateDate: Date;
  readonly UpdateDate: Date;
  readonly Tags?: WireTag[];
}

/**
 * `full`: the Policy of CreatePolicy and GetPolicy, with Description and Tags. ListPolicies leaves
 * both out (documented).
 */
export function toWirePolicy(policy: ResolvedPolicy, counts: PolicyUsageCounts, full: boolean): WirePolicy {
  const facts =
    policy.kind === 'customer'
      ? { ...policy.record, description: policy.record.description, tags: policy.record.tags }
      : { ...policy.info, description: undefined, tags: [] };
  return {
    PolicyName: facts.policyName,
    PolicyId: facts.policyId,
    Arn: policy.arn,
    Path: facts.path,
    DefaultVersionId: facts.defaultVersionId,
    AttachmentCount: counts.attachmentCount,
    PermissionsBoundaryUsageCount: counts.permissionsBoundaryUsageCount,
    IsAttachable: true,
    ...(full && facts.description !== undefined ? { Description: facts.description } : {}),
    CreateDate: facts.createDate,
    UpdateDate: facts.updateDate,
    ...(full && facts.tags.length > 0 ? { Tags: toWireTags(facts.tags) } : {}),
  };
}

export interface WirePolicyVersion {
  readonly Document?: string;
  readonly VersionId: string;
  readonly IsDefaultVersion: boolean;
  readonly CreateDate: Date;
}

/** The document is verbatim: the protocol renderer URL-encodes it, as IAM returns documents. */
export function toWireVersion(version: PolicyVersionRecord, withDocument: boolean): WirePolicyVersion {
  return {
    ...(withDocument ? { Document: version.document } : {}),
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefault,
    CreateDate: version.createDate,
  };
}

/** The one version the catalog holds of an AWS managed policy: its default. */
export function awsManagedVersion(
  policy: Extract<ResolvedPolicy, { kind: 'aws' }>,
  document: string,
): PolicyVersionRecord {
  return {
    policyId: policy.info.policyId,
    versionId: policy.info.defaultVersionId,
    document,
    isDefault: true,
    createDate: policy.info.updateDate,
  };
}
