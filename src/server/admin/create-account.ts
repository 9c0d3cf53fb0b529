import { WardenError } from '../../core/index.ts';
import type { AdminHandler } from './routes.ts';

/**
 * `POST /admin/v1/accounts` {AccountId?, Alias?} -> {AccountId, Alias?, RootAccessKey}: a new
 * account with its own database and root (accounts.ts). Only callers of the first account (the
 * one that manages the others, as an AWS Organizations management account does) with
 * `warden:CreateAccount`; its root passes.
 */
export const createAccountRoute: AdminHandler = async (call) => {
  const { caller, deps } = call;
  const first = deps.accounts.first.id;
  const resource = `arn:${call.account.partition}:warden::${first}:account/*`;
  if (call.account.id !== first) {
    throw new WardenError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: warden:CreateAccount on resource: ${resource} because only the account ${first} creates accounts`,
    );
  }
  await call.authorize('warden:CreateAccount', resource);
  const request = accountRequest(call.body);
  const made = await deps.accounts.create(request, { accountId: call.account.id, tx: call.ctx.store });
  return {
    body: {
      AccountId: made.accountId,
      ...(made.alias !== undefined && { Alias: made.alias }),
      RootAccessKey: {
        AccessKeyId: made.rootAccessKey.accessKeyId,
        SecretAccessKey: made.rootAccessKey.secretAccessKey,
      },
    },
  };
};

function accountRequest(body: unknown): { accountId?: string; alias?: string } {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new WardenError('ValidationError', 'The request body must be a JSON object.');
  const { AccountId, Alias } = body as Record<string, unknown>;
  for (const [name, value] of [
    ['AccountId', AccountId],
    ['Alias', Alias],
  ] as const) {
    if (value !== undefined && typeof value !== 'string')
      throw new WardenError('ValidationError', `${name} must be a string.`);
  }
  return {
    ...(typeof AccountId === 'string' && { accountId: AccountId }),
    ...(typeof Alias === 'string' && { alias: Alias }),
  };
}
