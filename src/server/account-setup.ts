import type { Clock, Ids } from '../core/index.ts';
import type { SecretBox } from '../iam/action.ts';
import { ROOT_OWNER, type StoreTx } from '../store/port.ts';

export interface RootKeyConfig {
  readonly accountId?: string;
  readonly rootAccessKeyId?: string;
  readonly rootSecretAccessKey?: string;
}

export interface AccountSetup {
  readonly accountId: string;
  /** Present only when this start generated the root key: shown once, never stored in clear. */
  readonly generatedRootKey?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * First start creates the account and its root key; later starts reuse what is stored. A root key
 * configured in the environment is made the root's only key on every start.
 */
export async function setUpAccount(
  tx: StoreTx,
  config: RootKeyConfig,
  deps: { clock: Clock; ids: Ids; secrets: SecretBox },
): Promise<AccountSetup> {
  const now = deps.clock.now();
  const existing = await tx.account.get();
  const accountId = existing?.accountId ?? config.accountId ?? generateAccountId(deps.ids);
  if (existing === undefined) await tx.account.create({ accountId, createDate: now });

  if (config.rootAccessKeyId !== undefined && config.rootSecretAccessKey !== undefined) {
    await replaceRootKeys(tx, config.rootAccessKeyId, config.rootSecretAccessKey, now, deps.secrets);
    return { accountId };
  }
  if (existing !== undefined) return { accountId };
  const generated = {
    accessKeyId: deps.ids.accessKeyId('AKIA'),
    secretAccessKey: deps.ids.secretAccessKey(),
  };
  await insertRootKey(tx, generated.accessKeyId, generated.secretAccessKey, now, deps.secrets);
  return { accountId, generatedRootKey: generated };
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
function generateAccountId(ids: Ids): string {
  const digits = Array.from(ids.bytes(12), (b) => String(b % 10));
  if (digits[0] === '0') digits[0] = '1';
  return digits.join('');
}
