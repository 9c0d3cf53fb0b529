import { WardenError } from '../core/index.ts';
import type { ActionContext } from '../iam/action.ts';
import { awsManagedPolicy } from '../iam/aws-managed/index.ts';
import { checkRequestTags, type WireTag } from '../iam/tags.ts';
import { awsPolicyError, validatePolicy } from '../policy/index.ts';
import type { Tag } from '../store/port.ts';

/**
 * The session-shaping parameters shared by AssumeRole and GetFederationToken (sts-api.md C.1,
 * C.3): session policies (`Policy`, `PolicyArns`), session tags, and the packed size they take.
 */

export interface PolicyArnInput {
  readonly arn?: string;
}

/** `Policy` as a session policy: MalformedPolicyDocument (or ValidationError for the size) otherwise. */
export function checkSessionPolicy(text: string | undefined): void {
  if (text === undefined) return;
  const error = awsPolicyError(validatePolicy(text, 'session'), 'session');
  if (error !== undefined) throw new WardenError(error.code, error.message);
}

/**
 * `PolicyArns`: each a managed policy of this account or an AWS managed one. An ARN that names no
 * policy is refused (UNCONFIRMED wording) rather than silently granting nothing.
 */
export async function checkPolicyArns(
  ctx: ActionContext,
  input: readonly PolicyArnInput[] | undefined,
): Promise<string[]> {
  const arns = (input ?? []).map((p) => p.arn ?? '');
  for (const arn of arns) {
    const known =
      awsManagedPolicy(arn) !== undefined || (await ctx.store.policies.getByArn(arn)) !== undefined;
    if (!known) {
      throw new WardenError(
        'MalformedPolicyDocument',
        `The policy ${arn} does not exist or is not attachable.`,
      );
    }
  }
  return arns;
}

/** Session tags: no `aws:` keys, no key twice (ignoring case). */
export const checkSessionTags = (tags: readonly WireTag[] | undefined): Tag[] => checkRequestTags(tags ?? []);

/**
 * PackedPolicySize: the percentage of the packed budget the session policies and tags use. AWS
 * packs them into a binary format of its own; Warden counts the policy's characters outside
 * whitespace, the ARNs and the tags' keys and values against 2048, which keeps AWS's rule that
 * a session policy of the full 2048 characters alone reaches 100%.
 */
export function packedPolicySize(
  policy: string | undefined,
  arns: readonly string[],
  tags: readonly Tag[],
): number {
  const policyChars = policy === undefined ? 0 : policy.replace(/\s+/g, '').length;
  const arnChars = arns.reduce((n, arn) => n + arn.length, 0);
  const tagChars = tags.reduce((n, t) => n + t.key.length + t.value.length, 0);
  return Math.ceil(((policyChars + arnChars + tagChars) * 100) / 2048);
}

export function checkPackedSize(percent: number): void {
  if (percent > 100) {
    throw new WardenError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
    );
  }
}
