import { WardenError } from '../core/index.ts';
import type { LoginProfileRecord, UserRecord } from '../store/port.ts';
import type { ActionContext } from './action.ts';
import { resolveSubject } from './lookups.ts';

/** Shared by the login-profile actions. */

/**
 * The user a login-profile action with an optional UserName acts on. With root credentials AWS
 * requires the name (only an AssumeRoot session may omit it), as GetUser does for non-user callers.
 */
export async function profileUser(ctx: ActionContext, userName: string | undefined): Promise<UserRecord> {
  const subject = await resolveSubject(ctx, userName);
  if (subject.kind === 'root') {
    throw new WardenError('ValidationError', 'Must specify userName when calling with non-User credentials');
  }
  return subject.user;
}

export const noSuchProfile = (userName: string): WardenError =>
  new WardenError('NoSuchEntity', `Login Profile for User ${userName} cannot be found.`);

export async function requireProfile(ctx: ActionContext, user: UserRecord): Promise<LoginProfileRecord> {
  const profile = await ctx.store.loginProfiles.get(user.userId);
  if (profile === undefined) throw noSuchProfile(user.userName);
  return profile;
}
