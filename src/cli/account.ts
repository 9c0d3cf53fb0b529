import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createIds, systemClock } from '../core/index.ts';
import { catalogDocuments } from '../iam/authz/index.ts';
import { createRingSecretBox } from '../iam/key-ring.ts';
import { createPasswordHasher } from '../iam/secrets.ts';
import { AccountDirectory } from '../server/accounts.ts';
import { resolveConfig } from '../server/config.ts';
import { loadKeySource } from '../server/key-ring-file.ts';
import { SqliteAccountFiles } from '../store/sqlite/directory.ts';

export const ACCOUNT_USAGE = `  account create        Create another account (its own database, root key and console password)
            --data-dir DIR     data directory (env WARDEN_DATA_DIR)
            --id ID            12 digits (default: generated)
            --alias ALIAS      account alias, unique across every account`;

type Out = { log(line: string): void; error(line: string): void };

/**
 * `warden account create`: works on the data directory like `warden root reset-password` (a
 * running server finds the new account the first time one of its keys is used).
 */
export async function accountCommand(args: string[], out: Out = console): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    out.error(`warden: unknown command 'account ${sub ?? ''}'\n\n${ACCOUNT_USAGE}`);
    return 2;
  }
  try {
    return await createAccount(rest, out);
  } catch (error) {
    out.error(`warden account create: ${(error as Error).message}`);
    return 1;
  }
}

async function createAccount(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, id: { type: 'string' }, alias: { type: 'string' } },
    strict: true,
  });
  const config = resolveConfig(process.env, {
    ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
  });
  const files = new SqliteAccountFiles(config.dataDir, systemClock);
  if (!existsSync(files.firstPath)) {
    out.error(`no Warden database at ${files.firstPath}: start the server once first`);
    return 1;
  }
  // One transaction at a time: commit each at once rather than batching (group commit).
  const store = await files.openFirst({ groupCommit: false });
  const first = await store.transaction((tx) => tx.account.get());
  if (first === undefined) {
    await store.close();
    out.error('the database holds no account yet: start the server once first');
    return 1;
  }
  const directory = new AccountDirectory(
    files,
    { id: first.accountId, store },
    {
      clock: systemClock,
      ids: createIds((n) => randomBytes(n), randomUUID),
      secrets: createRingSecretBox(
        loadKeySource(config.dataDir, config.masterKey, config.previousMasterKeys),
      ),
      passwords: createPasswordHasher(),
      awsManaged: catalogDocuments,
      groupCommit: false,
    },
  );
  try {
    const made = await directory.create({ accountId: values.id, alias: values.alias });
    out.log(
      [
        `Created account ${made.accountId}${made.alias === undefined ? '' : ` (alias ${made.alias})`}.`,
        'Its root user has this access key. It is shown only this once:',
        `  AWS_ACCESS_KEY_ID=${made.rootAccessKey.accessKeyId}`,
        `  AWS_SECRET_ACCESS_KEY=${made.rootAccessKey.secretAccessKey}`,
        ...(made.rootLogin === undefined
          ? []
          : [
              "The root user's console sign-in. The password is shown only this once:",
              `  email:    ${made.rootLogin.email}`,
              `  password: ${made.rootLogin.password}`,
            ]),
        'As AWS advises, use the root only to create an IAM user or role for daily work.',
      ].join('\n'),
    );
    return 0;
  } finally {
    await directory.close();
  }
}
