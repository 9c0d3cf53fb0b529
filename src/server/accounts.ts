import { accountOfAccessKeyId, WardenError, type Clock, type Ids } from '../core/index.ts';
import type { AccountStores, PasswordHasher, SecretBox } from '../iam/action.ts';
import { Authorizer, type AuthorizerOptions } from '../iam/authz/index.ts';
import { PolicyCache } from '../policy/index.ts';
import type { Store, StoreTx } from '../store/port.ts';
import type { SqliteAccountFiles } from '../store/sqlite/directory.ts';
import { generateAccountId, setUpAccount } from './account-setup.ts';
import { lookUpKey, type KeyLookup } from './authenticate.ts';

/** One served account: its store, opened once and kept open, and its authorizer's cache. */
export interface AccountHandle {
  readonly id: string;
  readonly store: Store;
  /** Per account: its cache is keyed by the store's authorization epoch, which is per store. */
  readonly authorizer: Authorizer;
}

export interface NewAccount {
  readonly accountId?: string | undefined;
  readonly alias?: string | undefined;
}

export interface CreatedAccount {
  readonly accountId: string;
  readonly alias?: string;
  /** Shown once: only its sealed form is stored. */
  readonly rootAccessKey: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly rootLogin?: { readonly email: string; readonly password: string };
}

/** A transaction the caller is already in, on one account's store. */
export interface OpenTransaction {
  readonly accountId: string;
  readonly tx: StoreTx;
}

export interface AccountDirectoryDeps {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly secrets: SecretBox;
  readonly passwords: PasswordHasher;
  readonly awsManaged: AuthorizerOptions['awsManaged'];
  /** How long `peek` waits for another account's lock before giving up (default 3 s). */
  readonly peekTimeoutMs?: number;
  /** Group commit for the stores it opens (the CLI commits each transaction alone). */
  readonly groupCommit?: boolean;
}

/** AWS's pattern for account aliases (the IAM model's `accountAliasType`). */
const ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

/**
 * Every account one Warden serves: the first in `warden.db`, the others one database each
 * (store/sqlite/directory.ts), opened on first use and kept open. An account created by the CLI
 * while the server runs is found by its file the first time one of its keys is used.
 */
const KEY_HOMES_KEPT = 10_000;

export class AccountDirectory implements AccountStores {
  readonly first: AccountHandle;
  private readonly others = new Map<string, Promise<AccountHandle>>();
  /** Compiled documents shared by the accounts' authorizers (keyed by their text). */
  private readonly policyCache = new PolicyCache();
  private creating: Promise<unknown> = Promise.resolve();
  /**
   * Where each recently used key was found: keys never move between accounts, so a request need
   * not probe the data directory again (operator-configured keys encode no account). Always
   * verified by the lookup itself; bounded by clearing.
   */
  private readonly keyHomes = new Map<string, string>();

  constructor(
    private readonly files: SqliteAccountFiles,
    first: { readonly id: string; readonly store: Store },
    private readonly deps: AccountDirectoryDeps,
  ) {
    this.first = { ...first, authorizer: this.newAuthorizer() };
  }

  /** The first account's id, then every other account's, as the data directory holds them now. */
  accountIds(): string[] {
    return [this.first.id, ...this.files.list().filter((id) => id !== this.first.id)];
  }

  /** A served account, opened if need be; undefined for an account this Warden does not serve. */
  async handle(accountId: string): Promise<AccountHandle | undefined> {
    if (accountId === this.first.id) return this.first;
    const open = this.others.get(accountId);
    if (open !== undefined) return open;
    if (!this.files.exists(accountId)) return undefined;
    const opening = this.files
      .open(accountId, this.storeOptions())
      .then((store) => ({ id: accountId, store, authorizer: this.newAuthorizer() }));
    this.others.set(accountId, opening);
    opening.catch(() => this.others.delete(accountId));
    return opening;
  }

  async storeOf(accountId: string): Promise<Store | undefined> {
    return (await this.handle(accountId))?.store;
  }

  async peek<T>(accountId: string, fn: (tx: StoreTx) => Promise<T>): Promise<{ value: T } | undefined> {
    const account = await this.handle(accountId);
    if (account === undefined) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WardenError('Throttling', 'Rate exceeded: another account is busy; try again.')),
        this.deps.peekTimeoutMs ?? 3000,
      );
    });
    try {
      return { value: await Promise.race([account.store.transaction(fn), gaveUp]) };
    } finally {
      clearTimeout(timer);
    }
  }

  async aliasOwner(alias: string, except: string, current?: OpenTransaction): Promise<string | undefined> {
    for (const id of this.accountIds()) {
      if (id === except) continue;
      const read = (tx: StoreTx) => tx.account.get();
      // The caller's own account is read through the transaction it is in (its lock may be held).
      const found = id === current?.accountId ? { value: await read(current.tx) } : await this.peek(id, read);
      if (found?.value?.alias === alias) return id;
    }
    return undefined;
  }

  /**
   * The account an access key or session belongs to, with the key: first the account its id
   * encodes (access-key-ids.ts), then every account (keys an operator configured encode none).
   * Unknown and inactive keys alike are undefined.
   */
  async findKey(accessKeyId: string): Promise<{ account: AccountHandle; found: KeyLookup } | undefined> {
    const remembered = this.keyHomes.get(accessKeyId);
    if (remembered !== undefined) {
      const account = await this.handle(remembered);
      const found = account && (await lookUpKey(account.store, accessKeyId));
      if (account !== undefined && found !== undefined) return { account, found };
      this.keyHomes.delete(accessKeyId);
    }
    const hit = await this.searchKey(accessKeyId);
    if (hit !== undefined) {
      if (this.keyHomes.size >= KEY_HOMES_KEPT) this.keyHomes.clear();
      this.keyHomes.set(accessKeyId, hit.account.id);
    }
    return hit;
  }

  private async searchKey(
    accessKeyId: string,
  ): Promise<{ account: AccountHandle; found: KeyLookup } | undefined> {
    const encoded = accountOfAccessKeyId(accessKeyId);
    const home = encoded === undefined ? undefined : await this.handle(encoded);
    const found = home && (await lookUpKey(home.store, accessKeyId));
    if (home !== undefined && found !== undefined) return { account: home, found };
    for (const id of this.accountIds()) {
      if (id === home?.id) continue;
      const account = await this.handle(id);
      const other = account && (await lookUpKey(account.store, accessKeyId));
      if (account !== undefined && other !== undefined) return { account, found: other };
    }
    return undefined;
  }

  /**
   * A new account with its own database, its root's access key and console password (both
   * returned to be shown once). The id is the given one or generated; the alias, if any, must be
   * free in every account. Creations are serialized.
   */
  create(request: NewAccount, current?: OpenTransaction): Promise<CreatedAccount> {
    const next = this.creating.then(() => this.createNow(request, current));
    this.creating = next.catch(() => undefined);
    return next;
  }

  private async createNow(request: NewAccount, current?: OpenTransaction): Promise<CreatedAccount> {
    const accountId = request.accountId ?? this.freeAccountId();
    checkNewAccount(accountId, request.alias);
    if (accountId === this.first.id || this.files.exists(accountId))
      throw new WardenError('EntityAlreadyExists', `The account ${accountId} already exists.`);
    if (
      request.alias !== undefined &&
      (await this.aliasOwner(request.alias, accountId, current)) !== undefined
    )
      throw new WardenError('EntityAlreadyExists', `The account alias ${request.alias} already exists.`);
    const store = await this.files.open(accountId, this.storeOptions());
    const { clock, ids, secrets, passwords } = this.deps;
    const setup = await store
      .transaction(async (tx) => {
        const made = await setUpAccount(tx, { accountId }, { clock, ids, secrets, passwords });
        if (request.alias !== undefined) await tx.account.setAlias(request.alias);
        return made;
      })
      .catch(async (error: unknown) => {
        // No half-made account left behind to block its id.
        await store.close();
        this.files.remove(accountId);
        throw error;
      });
    this.others.set(accountId, Promise.resolve({ id: accountId, store, authorizer: this.newAuthorizer() }));
    if (setup.generatedRootKey === undefined) throw new Error('a new account got no root key');
    return {
      accountId,
      ...(request.alias !== undefined && { alias: request.alias }),
      rootAccessKey: setup.generatedRootKey,
      ...(setup.generatedRootLogin !== undefined && { rootLogin: setup.generatedRootLogin }),
    };
  }

  private freeAccountId(): string {
    for (;;) {
      const id = generateAccountId(this.deps.ids);
      if (id !== this.first.id && !this.files.exists(id)) return id;
    }
  }

  /** Closes and deletes every account but the first (the test hooks' reset). */
  async removeOthers(): Promise<void> {
    await this.closeOthers();
    for (const id of this.files.list()) if (id !== this.first.id) this.files.remove(id);
  }

  /** Closes every store, the first one last. */
  async close(): Promise<void> {
    await this.closeOthers();
    await this.first.store.close();
  }

  private async closeOthers(): Promise<void> {
    const open = [...this.others.values()];
    this.others.clear();
    for (const account of await Promise.allSettled(open)) {
      if (account.status === 'fulfilled') await account.value.store.close();
    }
  }

  private newAuthorizer(): Authorizer {
    return new Authorizer({ awsManaged: this.deps.awsManaged, policyCache: this.policyCache });
  }

  private storeOptions(): { groupCommit?: boolean } {
    return this.deps.groupCommit === undefined ? {} : { groupCommit: this.deps.groupCommit };
  }
}

function checkNewAccount(accountId: string, alias: string | undefined): void {
  if (!/^\d{12}$/.test(accountId))
    throw new WardenError('ValidationError', `The account id ${accountId} is not 12 digits.`);
  if (alias !== undefined && (!ALIAS.test(alias) || /^\d{12}$/.test(alias))) {
    throw new WardenError(
      'ValidationError',
      `The account alias ${alias} must be 3 to 63 lowercase letters, digits and single hyphens, not 12 digits.`,
    );
  }
}
