import type { StoreTx } from '../store/port.ts';
import { requireAttachable } from './managed-policies.ts';

/**
 * Checks a permissions boundary given to CreateUser or PutUserPermissionsBoundary: an IAM policy
 * ARN (`InvalidInput` `ARN x is not valid.` otherwise) naming a policy that exists, customer
 * managed in the store or AWS managed in the catalog (`NoSuchEntity` `Policy x does not exist or
 * is not attachable.` otherwise). Returns the ARN to store (an AWS managed one in its canonical form).
 */
export async function checkBoundaryArn(store: StoreTx, arn: string): Promise<string> {
  return (await requireAttachable(store, arn)).arn;
}
