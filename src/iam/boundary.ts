import { WardenError } from '../core/index.ts';
import type { StoreTx } from '../store/port.ts';
import { checkPolicyArn, findPolicy } from './managed-policies.ts';

/**
 * Checks a permissions boundary given to CreateUser or PutUserPermissionsBoundary: an IAM policy
 * ARN (`InvalidInput` `ARN x is not valid.` otherwise) naming a policy that exists, customer
 * managed in the store or AWS managed in the catalog. AWS words the miss as `Scope ARN: x does not
 * exist or is not attachable.` (seen in real CreateUser errors). Returns the ARN to store.
 */
export async function checkBoundaryArn(store: StoreTx, arn: string): Promise<string> {
  checkPolicyArn(arn);
  const policy = await findPolicy(store, arn);
  if (policy === undefined) {
    throw new WardenError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);
  }
  return policy.arn;
}
