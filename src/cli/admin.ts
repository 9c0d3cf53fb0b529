import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createIds, systemClock } from '../core/index.ts';
import { createPasswordHasher } from '../iam/secrets.ts';
import { generateRootPassword } from '../server/account-setup.ts';
import { resolveConfig } from '../server/config.ts';
import { rotateMasterKey } from '../server/master-key-rotation.ts';
import { SqliteAccountFiles } from '../store/sqlite/directory.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import { ROOT_OWNER, type Store } from '../store/port.ts';

/**
 * Admin commands for an operator with access to the data directory (they open the database
 * directly; a running server may keep running: SQLite serializes the writes).
 */

export const ADMIN_USAGE = `  root reset-password   Set a new console password for the root user and print it once
            --data-dir DIR     data directory (env WARDEN_DATA_DIR)
            --email EMAIL      also change the root's sign-in email
            --account ID       another account's root (default: the first account's)
  master-key rotate     Re-seal every secret under a new master key (restartable)
            --data-dir DIR     data directory (env WARDEN_DATA_DIR)`;

type Out = { log(line: string): void; error(line: string): void };

async function withStore<T>(
  args: string[],
  extra: Record<string, { type: 'string' }>,
  out: Out,
  fn: (store: Store, values: Record<string, string | undefined>, dataDir: string) => Promise<T>,
): Promise<T | number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, ...extra }, strict: true });
  const config = resolveConfig(process.env, {
    ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
  });
  // `--account`: another account's database (accounts/<ID>.db); the first account's is warden.db.
  const files = new SqliteAccountFiles(config.dataDir, systemClock);
  const account = (values as Record<string, string | undefined>).account;
  const path =
    account !== undefined && files.exists(account)
      ? files.pathOf(account)
      : join(config.dataDir, 'warden.db');
  if (!existsSync(path)) {
    out.error(`no Warden database at ${path}`);
    return 1;
  }
  // One transaction at a time: commit each at once rather than batching (group commit).
  const store = await openSqliteStore({ path, clock: systemClock, groupCommit: false });
  try {
    return await fn(store, values, config.dataDir);
  } finally {
    await store.close();
  }
}

/** `warden root reset-password`: a new generated password; every root console session ends. */
export async function resetRootPassword(args: string[], out: Out = console): Promise<number> {
  const options = { email: { type: 'string' }, account: { type: 'string' } } as const;
  const result = await withStore(args, options, out, async (store, values) => {
    const password = generateRootPassword(createIds((n) => randomBytes(n)));
    const passwordHash = await createPasswordHasher().hash(password);
    const now = systemClock.now();
    const email = await store.transaction(async (tx) => {
      const account = await tx.account.get();
      if (account === undefined) throw new Error('the database holds no account yet: start the server once');
      if (values.account !== undefined && values.account !== account.accountId)
        throw new Error(`no account ${values.account} in this data directory`);
      const existing = await tx.rootLogin.get();
      const email = values.email ?? existing?.email ?? `root@${account.accountId}.warden.invalid`;
      await tx.rootLogin.put({
        email,
        passwordHash,
        passwordChangedDate: now,
        passwordLastUsed: existing?.passwordLastUsed,
      });
      await tx.consoleSessions.deleteForPrincipal(ROOT_OWNER);
      return email;
    });
    out.log(
      [
        "The root user's console password was reset. It is shown only this once:",
        `  email:    ${email}`,
        `  password: ${password}`,
        'Root console sessions were signed out. A running server may still hold a sign-in lockout for',
        'this email in memory: it ends by itself (WARDEN_SIGNIN_LOCKOUT_MINUTES) or with a restart.',
      ].join('\n'),
    );
    return 0;
  });
  return result;
}

/** `warden master-key rotate`. */
export async function rotateMasterKeyCommand(args: string[], out: Out = console): Promise<number> {
  const config = resolveConfig(process.env, {});
  return withStore(args, {}, out, async (store, _values, dataDir) => {
    // Every account's database: they share the master key.
    const files = new SqliteAccountFiles(dataDir, systemClock);
    const otherStores: Store[] = [];
    try {
      for (const id of files.list()) otherStores.push(await files.open(id, { groupCommit: false }));
      await rotate(store, otherStores, dataDir);
    } finally {
      for (const other of otherStores) await other.close();
    }
    if (config.masterKey !== undefined)
      out.log('Every secret is sealed under WARDEN_MASTER_KEY: WARDEN_MASTER_KEY_PREVIOUS can go.');
    return 0;
  });

  async function rotate(store: Store, otherStores: Store[], dataDir: string): Promise<void> {
    await rotateMasterKey({
      dataDir,
      store,
      otherStores,
      masterKey: config.masterKey,
      previousMasterKeys: config.previousMasterKeys,
      print: (line) => out.log(line),
    });
  }
}

/** `warden root ...` and `warden master-key ...`. */
export async function adminCommand(command: string, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (command === 'root' && sub === 'reset-password') return await resetRootPassword(rest);
    if (command === 'master-key' && sub === 'rotate') return await rotateMasterKeyCommand(rest);
  } catch (error) {
    console.error(`warden ${command} ${sub}: ${(error as Error).message}`);
    return 1;
  }
  console.error(`warden: unknown command '${command} ${sub ?? ''}'\n\n${ADMIN_USAGE}`);
  return 2;
}
