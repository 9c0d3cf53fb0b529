import { parseArn, WardenError } from '../core/index.ts';
import { awsPolicyError, principalValues, validatePolicy } from '../policy/index.ts';
import type { RoleRecord, StoreTx } from '../store/port.ts';
import type { Account, AccountStores, ActionContext } from './action.ts';
import { roleArn, userArn } from './arns.ts';

/**
 * A role's trust policy as IAM keeps it. Validated (CreateRole, UpdateAssumeRolePolicy) with the
 * trust grammar, the ACLSizePerRole quota and the rule that every user or role of this account it
 * names exists (`Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/x"`).
 *
 * Then, as AWS does, each such user or role ARN is stored as the entity's unique id (AIDA...,
 * AROA...): a user or role deleted and created again under the same name gets a new id and does
 * not inherit the trust. Reading shows the current ARN again while the entity exists, and the
 * bare id once it is gone (AWS's IAM User Guide, "Specifying a principal").
 */
export async function trustPolicyToStore(
  store: StoreTx,
  account: Account,
  text: string,
  /** The other accounts served here: a user or role of one of them must exist too (kept as written). */
  accounts?: AccountStores,
): Promise<string> {
  const result = validatePolicy(text, 'trust');
  const error = awsPolicyError(result, 'trust');
  if (error !== undefined) throw new WardenError(error.code, error.message);
  const ids = new Map<string, string>();
  for (const entry of principalValues(result.document?.statements ?? [], 'AWS')) {
    for (const value of entry.values) {
      const id = await principalId(store, account, value, accounts);
      if (id === null) {
        throw new WardenError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${value}"`);
      }
      if (id !== undefined) ids.set(value, id);
    }
  }
  return ids.size === 0 ? text : mapAwsPrincipals(text, (value) => ids.get(value) ?? value);
}

/** What showing a trust policy reads: the account's store, and the other accounts served here. */
export type TrustReader = Pick<ActionContext, 'store' | 'account' | 'accounts'>;

/**
 * The trust policy as GetRole, ListRoles and the others show it: ids turned back into the ARNs of
 * the users and roles they name, in this account or another one served here.
 */
export async function trustPolicyToShow(reader: TrustReader, stored: string): Promise<string> {
  if (!UNIQUE_ID_IN_TEXT.test(stored)) return stored;
  const arns = new Map<string, string>();
  for (const value of awsPrincipals(stored)) {
    if (!UNIQUE_ID.test(value)) continue;
    const arn = await currentArn(reader, value);
    if (arn !== undefined) arns.set(value, arn);
  }
  return arns.size === 0 ? stored : mapAwsPrincipals(stored, (value) => arns.get(value) ?? value);
}

/** The role with its trust policy as it is shown. */
export async function roleToShow(reader: TrustReader, role: RoleRecord): Promise<RoleRecord> {
  const shown = await trustPolicyToShow(reader, role.assumeRolePolicyDocument);
  return shown === role.assumeRolePolicyDocument ? role : { ...role, assumeRolePolicyDocument: shown };
}

const ENTITY = /^(user|role)((?:\/[^/]+)*\/)([^/]+)$/;
const UNIQUE_ID = /^A(?:IDA|ROA)[A-Z0-9]{16,}$/;
const UNIQUE_ID_IN_TEXT = /"A(?:IDA|ROA)[A-Z0-9]{16,}"/;

/**
 * The unique id of the user or role of this account an `AWS` principal names; null when it names
 * one that does not exist; undefined for everything else (account ids, the root, session ARNs,
 * other accounts' entities, ids), which is stored as written.
 */
async function principalId(
  store: StoreTx,
  account: Account,
  value: string,
  accounts: AccountStores | undefined,
): Promise<string | null | undefined> {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== 'iam') return undefined;
  const [, type, path, name] = ENTITY.exec(arn.resource) ?? [];
  if (type === undefined || path === undefined || name === undefined) return undefined;
  if (arn.account !== account.id) {
    // Another account served here: its user or role must exist (read without waiting for ever),
    // and is kept by id as well. An account not served here is taken on trust, as written.
    const found = await accounts?.peek(arn.account, (tx) => entityId(tx, type, path, name));
    return found?.value;
  }
  return entityId(store, type, path, name);
}

/** The id of the user or role with exactly this path and name, null if there is none. */
async function entityId(store: StoreTx, type: string, path: string, name: string): Promise<string | null> {
  if (type === 'user') {
    const user = await store.users.getByName(name);
    return user !== undefined && user.path === path && user.userName === name ? user.userId : null;
  }
  const role = await store.roles.getByName(name);
  return role !== undefined && role.path === path && role.roleName === name ? role.roleId : null;
}

/** The ARN of the user or role with this id: in this account, else in another served one. */
async function currentArn(reader: TrustReader, id: string): Promise<string | undefined> {
  const here = await arnOfId(reader.store, reader.account, id);
  if (here !== undefined || reader.accounts === undefined) return here;
  for (const accountId of reader.accounts.accountIds()) {
    if (accountId === reader.account.id) continue;
    const other = { id: accountId, partition: reader.account.partition };
    const found = await reader.accounts.peek(accountId, (tx) => arnOfId(tx, other, id));
    if (found?.value !== undefined) return found.value;
  }
  return undefined;
}

async function arnOfId(store: StoreTx, account: Account, id: string): Promise<string | undefined> {
  if (id.startsWith('AIDA')) {
    const user = await store.users.getById(id);
    return user && userArn(account, user.path, user.userName);
  }
  const role = await store.roles.getById(id);
  return role && roleArn(account, role.path, role.roleName);
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `AWS` value of every Principal/NotPrincipal (the text is a validated policy). */
function awsPrincipals(text: string): string[] {
  const found: string[] = [];
  mapAwsPrincipals(text, (value) => {
    found.push(value);
    return value;
  });
  return found;
}

/** The policy with each `AWS` principal value mapped, re-serialized (key order kept). */
function mapAwsPrincipals(text: string, map: (value: string) => string): string {
  const doc = JSON.parse(text) as JsonObject;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const statement of statements) {
    if (!isObject(statement)) continue;
    for (const key of ['Principal', 'NotPrincipal']) {
      const block = statement[key];
      if (!isObject(block)) continue;
      const aws = block.AWS;
      if (typeof aws === 'string') block.AWS = map(aws);
      else if (Array.isArray(aws))
        block.AWS = (aws as unknown[]).map((v) => (typeof v === 'string' ? map(v) : v));
    }
  }
  return JSON.stringify(doc);
}
