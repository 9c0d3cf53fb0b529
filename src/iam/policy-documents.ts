import { WardenError } from '../core/index.ts';
import { awsPolicyError, inlinePolicySizeRule, policySize, validatePolicy } from '../policy/index.ts';

/** Validating policy documents before they are stored (verbatim), with AWS's error for the first problem. */

function throwIfInvalid(result: ReturnType<typeof validatePolicy>): void {
  const error = awsPolicyError(result, 'identity');
  if (error !== undefined) throw new WardenError(error.code, error.message);
}

/** A managed policy version: the identity grammar and the 6144-character PolicySize quota. */
export function checkManagedDocument(text: string): void {
  throwIfInvalid(validatePolicy(text, 'identity'));
}

/**
 * An inline policy: the identity grammar, then the entity's aggregate quota over all its inline
 * policies with this one added or replacing the one of the same name (compared without case).
 */
export function checkInlineDocument(
  text: string,
  entity: { readonly type: 'user' | 'group' | 'role'; readonly name: string },
  policyName: string,
  others: readonly { readonly policyName: string; readonly document: string }[],
): void {
  throwIfInvalid(validatePolicy(text, 'identity', { size: false }));
  const rule = inlinePolicySizeRule(entity.type, entity.name);
  const name = policyName.toLowerCase();
  const total = others
    .filter((p) => p.policyName.toLowerCase() !== name)
    .reduce((sum, p) => sum + policySize(p.document), policySize(text));
  if (total > rule.limit) throw new WardenError('LimitExceeded', rule.message);
}
