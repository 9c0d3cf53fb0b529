import { parseArn, WardenError } from '../core/index.ts';

/**
 * Checks a permissions boundary given to CreateUser. Managed policies arrive with a later issue;
 * until then the only policies that exist are AWS's own (`arn:aws:iam::aws:policy/...`), so any
 * other well-formed policy ARN names a policy that does not exist. Whether the named AWS managed
 * policy really exists is not checked yet (the policy catalogue comes with that issue).
 */
export function checkBoundaryArn(arn: string): void {
  const parsed = parseArn(arn);
  if (parsed === undefined || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/')) {
    throw new WardenError('InvalidInput', `ARN ${arn} is not valid.`);
  }
  if (parsed.account !== 'aws') {
    throw new WardenError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
  }
}
