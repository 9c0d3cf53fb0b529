import { parseArn, WardenError } from '../core/index.ts';
import { awsPolicyError, principalValues, validatePolicy } from '../policy/index.ts';
import type { StoreTx } from '../store/port.ts';
import type { Account } from './action.ts';

/**
 * Validating a role's trust policy (CreateRole, UpdateAssumeRolePolicy): the trust grammar (a
 * principal in every statement, no Resource, STS actions only), the 2048-character
 * ACLSizePerRole quota, and then, as IAM does, that every user or role of this account the policy
 * names exists: `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/x"`.
 */
export async function checkTrustPolicy(store: StoreTx, account: Account, text: string): Promise<void> {
  const result = validatePolicy(text, 'trust');
  const error = awsPolicyError(result, 'trust');
  if (error !== undefined) throw new WardenError(error.code, error.message);
  const statements = result.document?.statements ?? [];
  for (const entry of principalValues(statements, 'AWS')) {
    for (const value of entry.values) {
      if (!(await principalExists(store, account, value))) {
        throw new WardenError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${value}"`);
      }
    }
  }
}

const ENTITY = /^(user|role)((?:\/[^/]+)*\/)([^/]+)$/;

/**
 * Whether an `AWS` principal names something that exists. Only users and roles of this account
 * can be checked here: account ids, the root, STS session ARNs and other accounts' entities pass.
 */
async function principalExists(store: StoreTx, account: Account, value: string): Promise<boolean> {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== 'iam' || arn.account !== account.id) return true;
  const match = ENTITY.exec(arn.resource);
  const [, type, path, name] = match ?? [];
  if (type === undefined || path === undefined || name === undefined) return true;
  const entity = type === 'user' ? await store.users.getByName(name) : await store.roles.getByName(name);
  if (entity === undefined) return false;
  const storedName = 'userName' in entity ? entity.userName : entity.roleName;
  return entity.path === path && storedName === name;
}
