import { iamArn } from '../core/index.ts';
import type { Account } from './action.ts';

/** ARNs of the entities this package manages, in the account's partition. */

export const rootArn = (account: Account): string => `arn:${account.partition}:iam::${account.id}:root`;

export const userArn = (account: Account, path: string, name: string): string =>
  iamArn(account.partition, account.id, 'user', path, name);

export const groupArn = (account: Account, path: string, name: string): string =>
  iamArn(account.partition, account.id, 'group', path, name);

export const roleArn = (account: Account, path: string, name: string): string =>
  iamArn(account.partition, account.id, 'role', path, name);

export const instanceProfileArn = (account: Account, path: string, name: string): string =>
  iamArn(account.partition, account.id, 'instance-profile', path, name);

/**
 * What list actions are authorized on: the type plus the path prefix (`arn:aws:iam::ACCT:user/`
 * for all users, as AWS's AccessDenied messages for iam:ListUsers show).
 */
export const listArn = (
  account: Account,
  type: 'user' | 'group' | 'role' | 'instance-profile',
  pathPrefix: string | undefined,
): string => `arn:${account.partition}:iam::${account.id}:${type}${pathPrefix ?? '/'}`;
