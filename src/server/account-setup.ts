import type { Clock, Ids } from '../core/index.ts';
import type { PasswordHasher, SecretBox } from '../iam/action.ts';
import { ROOT_OWNER, type StoreTx } from '../store/port.ts';

export interface RootKeyConfig {
  readonly accountId?: string;
  readonly rootAccessKeyId?: string;
  readonly rootSecretAccessKey?: string;
  /** The root's console email and password, used when none is stored yet. */
  readonly rootEmail?: string;
  readonly rootPassword?: string;
}

export interface AccountSetup {
  readonly accountId: string;
  /** Present only when this start generated the root key: shown once, never stored in clear. */
  readonly generatedRootKey?: { accessKeyId: string; secretAccessKey: string };
  /** Present only when this start created the root's console sign-in with a generated password. */
  readonly generatedRootLogin?: { email: string; password: string };
}

/**
 * First start creates the account and its root key; later starts reuse what is stored. A root key
 * configured in the environment is made the root's only key on every start.
 */
export async function setUpAccount(
  tx: StoreTx,
  config: RootKeyConfig,
  deps: { clock: Clock; ids: Ids; secrets: SecretBox; passwords?: PasswordHasher },
): Promise<AccountSetup> {
  const now = deps.clock.now();
  const existing = await tx.account.get();
  const accountId = existing?.accountId ?? config.accountId ?? generateAccountId(deps.ids);
  if (existing === undefined) await tx.account.create({ accountId, createDate: now });
  const login =
    deps.passwords && (await setUpRootLogin(tx, config, accountId, { ...deps, passwords: deps.passwords }));
  const keys = await setUpRootKey(tx, config, { accountId, existed: existing !== undefined, now }, deps);
  return { accountId, ...keys, ...(login !== undefined && { generatedRootLogin: login }) };
}

/**
 * The root's console sign-in, created once: the configured email and password, else
 * `root@ACCOUNT.warden.invalid` and a generated password (returned to be shown once).
 */
async function setUpRootLogin(
  tx: StoreTx,
  config: RootKeyConfig,
  accountId: string,
  deps: { clock: Clock; ids: Ids; passwords: PasswordHasher },
): Promise<{ email: string; password: string } | undefined> {
  if ((await tx.rootLogin.get()) !== undefined) return undefined;
  const password = config.rootPassword ?? generateRootPassword(deps.ids);
  const email = config.rootEmail ?? `root@${accountId}.warden.invalid`;
  const passwordHash = await deps.passwords.hash(password);
  await tx.rootLogin.put({ email, passwordHash, passwordChangedDate: deps.clock.now() });
  return config.rootPassword === undefined ? { email, password } : undefined;
}

/** 24 base64url characters (144 random bits) and a symbol: meets AWS's rules for root passwords. */
export const generateRootPassword = (ids: Ids): string =>
  `${Buffer.from(ids.bytes(18)).toString('base64url')}#9aZ`;

async function setUpRootKey(
  tx: StoreTx,
  config: RootKeyConfig,
  { accountId, existed, now }: { accountId: string; existed: boolean; now: Date },
  deps: { ids: Ids; secrets: SecretBox },
): Promise<Pick<AccountSetup, 'generatedRootKey'>> {
  if (config.rootAccessKeyId !== undefined && config.rootSecretAccessKey !== undefined) {
    await replaceRootKeys(tx, config.rootAccessKeyId, config.rootSecretAccessKey, now, deps.secrets);
    return {};
  }
  if (existed) return {};
  const generated = {
    accessKeyId: deps.ids.accessKeyId('AKIA', accountId),
    secretAccessKey: deps.ids.secretAccessKey(),
  };
  await insertRootKey(tx, generated.accessKeyId, generated.secretAccessKey, now, deps.secrets);
  return { generatedRootKey: generated };
}

async function replaceRootKeys(
  tx: StoreTx,
  accessKeyId: string,
  secret: string,
  now: Date,
  secrets: SecretBox,
): Promise<void> {
  const keys = await tx.accessKeys.listByOwner(ROOT_OWNER);
  const same =
    keys.length === 1 &&
    keys[0]?.accessKeyId === accessKeyId &&
    secrets.open(keys[0].sealedSecret) === secret;
  if (same) return;
  for (const key of keys) await tx.accessKeys.delete(key.accessKeyId);
  const owned = await tx.accessKeys.get(accessKeyId);
  if (owned !== undefined) throw new Error(`access key ${accessKeyId} already belongs to an IAM user`);
  await insertRootKey(tx, accessKeyId, secret, now, secrets);
}

async function insertRootKey(
  tx: StoreTx,
  accessKeyId: string,
  secret: string,
  now: Date,
  secrets: SecretBox,
) {
  await tx.accessKeys.insert({
    accessKeyId,
    owner: ROOT_OWNER,
    status: 'Active',
    sealedSecret: secrets.seal(secret),
    createDate: now,
  });
}

/** 12 digits, not starting with 0 (so it never looks like a shortened number). */
export function generateAccountId(ids: Ids): string {
  const digits = Array.from(ids.bytes(12), (b) => String(b % 10));
  if (digits[0] === '0') digits[0] = '1';
  return digits.join('');
}
