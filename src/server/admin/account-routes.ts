import { WardenError } from '../../core/index.ts';
import type { AdminCall, AdminHandler } from './routes.ts';

/**
 * `POST /admin/v1/accounts` {AccountId?, Alias?} -> {AccountId, Alias?, RootAccessKey}: a new
 * account with its own database and root (accounts.ts). Only callers of the first account (the
 * one that manages the others, as an AWS Organizations management account does) with
 * `warden:CreateAccount`; its root passes.
 */
export const createAccountRoute: AdminHandler = async (call) => {
  const { deps } = call;
  await authorizeManagement(call, 'warden:CreateAccount');
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

/**
 * `GET /admin/v1/accounts` -> {Accounts: [{AccountId, Alias?}]}, the first account first; for
 * callers of the first account with `warden:ListAccounts`.
 */
export const listAccountsRoute: AdminHandler = async (call) => {
  await authorizeManagement(call, 'warden:ListAccounts');
  const { accounts } = call.deps;
  const listed = [];
  for (const id of accounts.accountIds()) {
    // The caller's own account through its transaction; the others read without waiting for ever.
    const record =
      id === call.account.id
        ? await call.ctx.store.account.get()
        : (await accounts.peek(id, (tx) => tx.account.get()))?.value;
    listed.push({ AccountId: id, ...(record?.alias !== undefined && { Alias: record.alias }) });
  }
  return { body: { Accounts: listed } };
};

/** Only the first account manages accounts (as an AWS Organizations management account does). */
async function authorizeManagement(call: AdminCall, permission: string): Promise<void> {
  const first = call.deps.accounts.first.id;
  const resource = `arn:${call.account.partition}:warden::${first}:account/*`;
  if (call.account.id !== first) {
    throw new WardenError(
      'AccessDenied',
      `User: ${call.caller.arn} is not authorized to perform: ${permission} on resource: ${resource} because only the account ${first} manages accounts`,
    );
  }
  await call.authorize(permission, resource);
}

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
