import type { ActiveSession, StepOutcome } from '../../iam/sign-in/service.ts';
import type { ChangeUserPassword, ConsoleSignIn, SignInRequest } from '../../iam/sign-in/sign-in.ts';
import type { AccountDirectory, AccountHandle } from '../accounts.ts';

/**
 * The console sign-in of every account: one ConsoleSignIn per account (its store, its account),
 * built on first use. A sign-in names its account as AWS's sign-in page has it asked for: an IAM
 * user gives the account id or alias, the root its email (looked up in every account). Tokens of
 * the first account are as before; another account's carry its id (`ACCOUNT.TOKEN`), so a cookie
 * or a challenge says which database to look in. A sign-in naming no served account goes to the
 * first, which refuses it after the same password hash as any wrong password.
 */
export class ConsoleAccounts {
  /** With the handle it was made for: an account removed (test hooks' reset) and made again gets a new one. */
  private readonly signIns = new Map<string, { account: AccountHandle; signIn: ConsoleSignIn }>();

  constructor(
    private readonly accounts: AccountDirectory,
    private readonly make: (account: AccountHandle) => ConsoleSignIn,
  ) {}

  async signIn(request: SignInRequest, sourceIp: string): Promise<StepOutcome> {
    const account = await this.accountOf(request);
    return this.wrap(account.id, await this.of(account).signIn(request, sourceIp));
  }

  async verifyMfa(challenge: string, code: string, serialNumber: string | undefined, sourceIp: string) {
    const { account, token } = await this.unwrap(challenge);
    const outcome = await this.of(account).verifyMfa(token, code, serialNumber, sourceIp);
    return this.wrap(account.id, outcome);
  }

  async changePassword(
    challenge: string,
    oldPassword: string,
    newPassword: string,
    sourceIp: string,
    change: ChangeUserPassword,
  ): Promise<StepOutcome> {
    const { account, token } = await this.unwrap(challenge);
    const outcome = await this.of(account).changePassword(token, oldPassword, newPassword, sourceIp, change);
    return this.wrap(account.id, outcome);
  }

  async changeRootPassword(accountId: string, oldPassword: string, newPassword: string): Promise<void> {
    const account = (await this.accounts.handle(accountId)) ?? this.accounts.first;
    await this.of(account).changeRootPassword(oldPassword, newPassword);
  }

  async resolve(cookie: string): Promise<ActiveSession | undefined> {
    const { account, token } = await this.unwrap(cookie);
    return this.of(account).resolve(token);
  }

  async signOut(cookie: string): Promise<void> {
    const { account, token } = await this.unwrap(cookie);
    await this.of(account).signOut(token);
  }

  /** Expired sessions and steps of every account opened so far. */
  async purge(): Promise<number> {
    let purged = 0;
    for (const [id, { account, signIn }] of this.signIns) {
      if ((await this.accounts.handle(id)) === account) purged += await signIn.purge();
      else this.signIns.delete(id);
    }
    return purged;
  }

  private of(account: AccountHandle): ConsoleSignIn {
    const known = this.signIns.get(account.id);
    if (known?.account === account) return known.signIn;
    const signIn = this.make(account);
    this.signIns.set(account.id, { account, signIn });
    return signIn;
  }

  private async accountOf(request: SignInRequest): Promise<AccountHandle> {
    const { first } = this.accounts;
    if (request.kind === 'user') {
      const named = request.account.trim().toLowerCase();
      const id = /^\d{12}$/.test(named) ? named : await this.accounts.aliasOwner(named, '');
      return (id === undefined ? undefined : await this.accounts.handle(id)) ?? first;
    }
    const email = request.email.trim().toLowerCase();
    for (const id of this.accounts.accountIds()) {
      const account = await this.accounts.handle(id);
      const login = await account?.store.transaction((tx) => tx.rootLogin.get());
      if (account !== undefined && login?.email.toLowerCase() === email) return account;
    }
    return first;
  }

  private wrap(accountId: string, outcome: StepOutcome): StepOutcome {
    if (accountId === this.accounts.first.id) return outcome;
    return outcome.status === 'signed-in'
      ? { ...outcome, token: `${accountId}.${outcome.token}` }
      : { ...outcome, challenge: `${accountId}.${outcome.challenge}` };
  }

  private async unwrap(token: string): Promise<{ account: AccountHandle; token: string }> {
    const match = /^(\d{12})\.(.*)$/.exec(token);
    const account = match?.[1] === undefined ? undefined : await this.accounts.handle(match[1]);
    // An unknown account's token is looked up (and not found) in the first account.
    return account === undefined || match?.[2] === undefined
      ? { account: this.accounts.first, token }
      : { account, token: match[2] };
  }
}
