import { parseArn } from '../core/index.ts';
import type { ActionContext } from '../iam/action.ts';

/**
 * Where each half of an AssumeRole runs. The role, its trust policy and the new session belong to
 * the role's account; the caller's MFA device and identity policies to the caller's. In one
 * account both are the request's own transaction. Across accounts each half runs in a transaction
 * of its own account's store, one after the other and never one inside the other (the request's
 * own transaction is left untouched, so it never takes its lock): two callers assuming each
 * other's roles at the same moment cannot then wait for each other.
 */
export interface AssumeRoleSides {
  /** The role's account: the request's own, or another account this Warden serves. */
  readonly roleAccount: string;
  readonly crossAccount: boolean;
  onRoleSide<T>(fn: (ctx: ActionContext) => Promise<T>): Promise<T>;
  onCallerSide<T>(fn: (ctx: ActionContext) => Promise<T>): Promise<T>;
}

/**
 * The sides for a RoleArn; undefined when it names an account this Warden does not serve (the
 * role cannot exist: AccessDenied, as for any role that does not).
 */
export async function assumeRoleSides(
  ctx: ActionContext,
  roleArn: string,
): Promise<AssumeRoleSides | undefined> {
  const account = parseArn(roleArn)?.account;
  if (account === undefined || account === ctx.account.id) {
    return {
      roleAccount: ctx.account.id,
      crossAccount: false,
      onRoleSide: (fn) => fn(ctx),
      onCallerSide: (fn) => fn(ctx),
    };
  }
  const roleStore = await ctx.accounts?.storeOf(account);
  const callerStore = await ctx.accounts?.storeOf(ctx.account.id);
  if (roleStore === undefined || callerStore === undefined) return undefined;
  const roleAccount = { id: account, partition: ctx.account.partition };
  return {
    roleAccount: account,
    crossAccount: true,
    onRoleSide: (fn) => roleStore.transaction((tx) => fn({ ...ctx, store: tx, account: roleAccount })),
    onCallerSide: (fn) => callerStore.transaction((tx) => fn({ ...ctx, store: tx })),
  };
}
