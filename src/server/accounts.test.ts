import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { accountOfAccessKeyId, createIds, fixedClock, isWardenError } from '../core/index.ts';
import { catalogDocuments } from '../iam/authz/index.ts';
import { createRingSecretBox, sealedKeyId } from '../iam/key-ring.ts';
import { createPasswordHasher, createSecretBox } from '../iam/secrets.ts';
import { ROOT_OWNER } from '../store/port.ts';
import { SqliteAccountFiles } from '../store/sqlite/directory.ts';
import { setUpAccount } from './account-setup.ts';
import { AccountDirectory } from './accounts.ts';
import { loadKeySource } from './key-ring-file.ts';
import { rotateMasterKey } from './master-key-rotation.ts';

const FIRST = '111111111111';
const OPERATOR_KEY = { rootAccessKeyId: 'AKIAROOTTESTKEY00001', rootSecretAccessKey: 'operator/secret' };

/** A data directory with its first account set up as the server does, and a directory over it. */
async function open(
  dataDir: string,
  options: { peekTimeoutMs?: number; secrets?: ReturnType<typeof createSecretBox> } = {},
) {
  const clock = fixedClock(new Date('2026-03-01T10:00:00Z'));
  const ids = createIds((n) => randomBytes(n));
  const secrets = options.secrets ?? createSecretBox(new Uint8Array(32).fill(7));
  const passwords = createPasswordHasher({ N: 1024, r: 8, p: 1 });
  const files = new SqliteAccountFiles(dataDir, clock);
  const store = await files.openFirst();
  const deps = { clock, ids, secrets, passwords };
  await store.transaction((tx) => setUpAccount(tx, { accountId: FIRST, ...OPERATOR_KEY }, deps));
  const directory = new AccountDirectory(
    files,
    { id: FIRST, store },
    {
      ...deps,
      awsManaged: catalogDocuments,
      ...(options.peekTimeoutMs !== undefined && { peekTimeoutMs: options.peekTimeoutMs }),
    },
  );
  return { directory, secrets };
}

async function withDataDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-accounts-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const code = (name: string) => (error: unknown) => isWardenError(error) && error.code === name;

test('a new account gets its own database file and a root key that names it', () =>
  withDataDir(async (dir) => {
    const { directory, secrets } = await open(dir);
    const made = await directory.create({ alias: 'second-team' });
    assert.match(made.accountId, /^[1-9]\d{11}$/);
    assert.equal(made.alias, 'second-team');
    assert.ok(existsSync(join(dir, 'accounts', `${made.accountId}.db`)));
    assert.equal(accountOfAccessKeyId(made.rootAccessKey.accessKeyId), made.accountId);
    assert.match(made.rootLogin?.email ?? '', new RegExp(`^root@${made.accountId}\\.`));
    assert.deepEqual(directory.accountIds(), [FIRST, made.accountId]);

    const hit = await directory.findKey(made.rootAccessKey.accessKeyId);
    assert.equal(hit?.account.id, made.accountId);
    assert.equal(
      hit?.found.kind === 'key' && secrets.open(hit.found.key.sealedSecret),
      made.rootAccessKey.secretAccessKey,
    );
    const account = await hit?.account.store.transaction((tx) => tx.account.get());
    assert.equal(account?.accountId, made.accountId);
    assert.equal(account?.alias, 'second-team');
    await directory.close();
  }));

test('keys are found in their account whether or not their id encodes it; unknown and inactive ones nowhere', () =>
  withDataDir(async (dir) => {
    const { directory } = await open(dir);
    const made = await directory.create({ accountId: '222222222222' });
    const operator = await directory.findKey(OPERATOR_KEY.rootAccessKeyId);
    assert.equal(operator?.account.id, FIRST);
    assert.equal(operator?.found.kind === 'key' && operator.found.key.owner, ROOT_OWNER);
    assert.equal(await directory.findKey('AKIAUNKNOWNKEY000000'), undefined);
    // A well-formed id naming a served account that holds no such key.
    const forged = createIds((n) => randomBytes(n)).accessKeyId('AKIA', made.accountId);
    assert.equal(await directory.findKey(forged), undefined);
    const second = await directory.storeOf(made.accountId);
    await second?.transaction((tx) => tx.accessKeys.setStatus(made.rootAccessKey.accessKeyId, 'Inactive'));
    assert.equal(await directory.findKey(made.rootAccessKey.accessKeyId), undefined);
    await directory.close();
  }));

test('account ids and aliases are unique across every account', () =>
  withDataDir(async (dir) => {
    const { directory } = await open(dir);
    await directory.first.store.transaction((tx) => tx.account.setAlias('first-one'));
    await directory.create({ accountId: '333333333333', alias: 'taken' });
    const cases: [string, Parameters<AccountDirectory['create']>[0], string][] = [
      ['the first account id', { accountId: FIRST }, 'EntityAlreadyExists'],
      ['an existing account id', { accountId: '333333333333' }, 'EntityAlreadyExists'],
      ["another account's alias", { alias: 'taken' }, 'EntityAlreadyExists'],
      ["the first account's alias", { alias: 'first-one' }, 'EntityAlreadyExists'],
      ['an id that is not 12 digits', { accountId: '12345' }, 'ValidationError'],
      ['an alias of 12 digits', { alias: '123456789012' }, 'ValidationError'],
      ['an alias with capitals', { alias: 'Upper' }, 'ValidationError'],
    ];
    for (const [name, request, expected] of cases) {
      await assert.rejects(directory.create(request), code(expected), name);
    }
    assert.equal(await directory.aliasOwner('taken', FIRST), '333333333333');
    assert.equal(await directory.aliasOwner('taken', '333333333333'), undefined);
    assert.equal(await directory.aliasOwner('first-one', '333333333333'), FIRST);
    assert.deepEqual(directory.accountIds(), [FIRST, '333333333333']);
    await directory.close();
  }));

test('an account created by another process (the CLI) is found by its file; a reset removes the others', () =>
  withDataDir(async (dir) => {
    const server = await open(dir);
    const cli = await open(dir);
    const made = await cli.directory.create({});
    await cli.directory.close();
    const hit = await server.directory.findKey(made.rootAccessKey.accessKeyId);
    assert.equal(hit?.account.id, made.accountId);
    await server.directory.removeOthers();
    assert.deepEqual(server.directory.accountIds(), [FIRST]);
    assert.equal(existsSync(join(dir, 'accounts', `${made.accountId}.db`)), false);
    assert.equal(await server.directory.findKey(made.rootAccessKey.accessKeyId), undefined);
    await server.directory.close();
  }));

test('peek reads another account, and gives up (Throttling) instead of waiting for ever on a held lock', () =>
  withDataDir(async (dir) => {
    const { directory } = await open(dir, { peekTimeoutMs: 200 });
    const made = await directory.create({ alias: 'peeked' });
    const seen = await directory.peek(made.accountId, (tx) => tx.account.get());
    assert.equal(seen?.value?.alias, 'peeked');
    assert.equal(await directory.peek('444444444444', (tx) => tx.account.get()), undefined);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = directory.first.store.transaction(async (tx) => {
      await tx.account.get();
      await held;
    });
    await assert.rejects(
      directory.peek(FIRST, (tx) => tx.account.get()),
      code('Throttling'),
    );
    release();
    await holder;
    await directory.close();
  }));

test('a master key rotation re-seals the secrets of every account', () =>
  withDataDir(async (dir) => {
    const { directory } = await open(dir, { secrets: createRingSecretBox(loadKeySource(dir, undefined)) });
    const made = await directory.create({});
    const second = await directory.storeOf(made.accountId);
    assert.ok(second !== undefined);
    const sealedIn = (store: typeof second) =>
      store.transaction(
        async (tx) => (await tx.accessKeys.get(made.rootAccessKey.accessKeyId))?.sealedSecret,
      );
    const before = await sealedIn(second);
    const report = await rotateMasterKey({
      dataDir: dir,
      store: directory.first.store,
      otherStores: [second],
      settleMs: 1,
    });
    const after = await sealedIn(second);
    assert.ok(before !== undefined && after !== undefined);
    assert.notEqual(sealedKeyId(before), report.keyId);
    assert.equal(sealedKeyId(after), report.keyId);
    // Only the new key is left, and it opens the other account's secret.
    const fresh = createRingSecretBox(loadKeySource(dir, undefined));
    assert.equal(fresh.open(after), made.rootAccessKey.secretAccessKey);
    await directory.close();
  }));
