import { WardenError } from '../core/index.ts';

/** AWS's wording for names already taken (compared case-insensitively) and for account quotas. */

export const userExists = (name: string): WardenError =>
  new WardenError('EntityAlreadyExists', `User with name ${name} already exists.`);

export const groupExists = (name: string): WardenError =>
  new WardenError('EntityAlreadyExists', `Group with name ${name} already exists.`);

export const quotaExceeded = (quota: string, limit: number): WardenError =>
  new WardenError('LimitExceeded', `Cannot exceed quota for ${quota}: ${limit}`);

export const deleteConflict = (what: string): WardenError =>
  new WardenError('DeleteConflict', `Cannot delete entity, must ${what} first.`);
