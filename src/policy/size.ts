/**
 * Policy size as IAM counts it toward its quotas: characters, not counting white space outside
 * JSON strings (IAM "does not count white space"; white space inside a string is part of a value).
 * The limits per kind and AWS's LimitExceeded texts live here too, so the API layer can sum inline
 * policies (a per-entity aggregate) with the same counter.
 */
import type { PolicyKind } from './types.ts';

/** Counts characters outside white space; works on any text (invalid JSON is counted the same way). */
export function policySize(text: string): number {
  if (typeof text !== 'string') return 0;
  let size = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      size++;
      if (c === 92 /* \ */ && i + 1 < text.length) {
        size++;
        i++;
      } else if (c === 34 /* " */) {
        inString = false;
      }
    } else if (c === 34) {
      size++;
      inString = true;
    } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      size++;
    }
  }
  return size;
}

export interface SizeRule {
  readonly limit: number;
  /** AWS's LimitExceeded message for this quota. */
  readonly message: string;
}

export const MANAGED_POLICY_SIZE = 6144;
export const TRUST_POLICY_SIZE = 2048;
export const SESSION_POLICY_SIZE = 2048;
export const GUARDRAIL_POLICY_SIZE = 5120;

/** Aggregate inline policy quota per entity (UserPolicySizeQuota, GroupPolicySizeQuota, RolePolicySizeQuota). */
export const INLINE_POLICY_AGGREGATE_SIZE = { user: 2048, group: 5120, role: 10240 } as const;

const managed: SizeRule = {
  limit: MANAGED_POLICY_SIZE,
  message: `Cannot exceed quota for PolicySize: ${MANAGED_POLICY_SIZE}`,
};

/**
 * The single-document limit that applies to each kind. `identity` is the managed-policy limit;
 * inline policies are limited by `inlinePolicySizeRule` over the sum of the entity's policies.
 * Resource policies have no IAM quota of their own.
 */
export const SIZE_RULES: Readonly<Record<PolicyKind, SizeRule | undefined>> = {
  identity: managed,
  boundary: managed,
  trust: {
    limit: TRUST_POLICY_SIZE,
    message: `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_SIZE}`,
  },
  session: {
    limit: SESSION_POLICY_SIZE,
    message: `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${SESSION_POLICY_SIZE}`,
  },
  guardrail: {
    limit: GUARDRAIL_POLICY_SIZE,
    message: `Cannot exceed quota for PolicySize: ${GUARDRAIL_POLICY_SIZE}`,
  },
  resource: undefined,
};

/** The rule for the sum of an entity's inline policies (`PutUserPolicy`, ...). */
export function inlinePolicySizeRule(entity: 'user' | 'group' | 'role', name: string): SizeRule {
  const limit = INLINE_POLICY_AGGREGATE_SIZE[entity];
  return { limit, message: `Maximum policy size of ${limit} bytes exceeded for ${entity} ${name}` };
}
