import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIds, fixedClock } from '../../core/index.ts';
import type { Store, StoreTx } from '../../store/port.ts';
import type {
  Account,
  ActionContext,
  ActionDefinition,
  Caller,
  Logger,
  PasswordHasher,
  SecretBox,
} from '../action.ts';
import { rootArn, userArn } from '../arns.ts';
import { Authorizer, authorizeAction, catalogDocuments } from '../authz/index.ts';
import { createPasswordHasher, createSecretBox } from '../secrets.ts';

/**
 * Drives actions the way the server does (authorize, then run, in one store transaction) on a
 * real store in a temporary directory. The store adapter is passed in because the domain must not
 * import an adapter: tests hand over `openSqliteStore`.
 */

export type OpenStore = (options: { path: string }) => Promise<Store>;

export const ACCOUNT: Account = { id: '123456789012', partition: 'aws' };
export const START = new Date('2026-01-02T03:04:05.000Z');

const quietLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Harness {
  readonly store: Store;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly account: Account;
  readonly root: Caller;
  /** The box the actions seal secrets with (to check what was stored). */
  readonly secrets: SecretBox;
  readonly passwords: PasswordHasher;
  /** The authorizer every call of this harness shares (its cache of compiled policies). */
  readonly authorizer: Authorizer;
  /** The caller an IAM user would be after SigV4 (with a made-up key id). */
  userCaller(userName: string): Promise<Caller>;
  /** The context an action gets inside transaction `tx`. */
  context(tx: StoreTx, caller?: Caller): ActionContext;
  /** Authorizes, then runs: what the server does. */
  call<I, O>(action: ActionDefinition<I, O>, input: I, caller?: Caller): Promise<O>;
  /**
   * Runs without authorizing: the action's own behaviour for a caller that, once policies exist,
   * would be allowed (today every IAM user is denied everything).
   */
  run<I, O>(action: ActionDefinition<I, O>, input: I, caller?: Caller): Promise<O>;
  close(): Promise<void>;
}

function requestFacts(now: Date): ActionContext['request'] {
  return {
    requestId: 'test-request',
    time: now,
    region: 'us-east-1',
    partition: 'aws',
    sourceIp: '127.0.0.1',
    userAgent: 'warden-tests',
    secureTransport: false,
  };
}

export async function openHarness(openStore: OpenStore): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-iam-'));
  const store = await openStore({ path: join(dir, 'warden.db') });
  const clock = fixedClock(START);
  await store.transaction((tx) => tx.account.create({ accountId: ACCOUNT.id, createDate: START }));
  const base = {
    clock,
    ids: createIds((n) => randomBytes(n)),
    account: ACCOUNT,
    secrets: createSecretBox(randomBytes(32)),
    // The real hasher at a cost a test suite can afford.
    passwords: createPasswordHasher({ N: 1024, r: 8, p: 1 }),
    log: quietLog,
    authorizer: new Authorizer({ awsManaged: catalogDocuments }),
  };
  const root: Caller = { kind: 'root', arn: rootArn(ACCOUNT), accountId: ACCOUNT.id, accessKeyId: 'ROOTKEY' };
  const context = (tx: StoreTx, caller: Caller = root): ActionContext => ({
    ...base,
    store: tx,
    caller,
    request: requestFacts(clock.now()),
  });
  return {
    store,
    clock,
    account: ACCOUNT,
    root,
    secrets: base.secrets,
    passwords: base.passwords,
    authorizer: base.authorizer,
    async userCaller(userName) {
      const user = await store.transaction((tx) => tx.users.getByName(userName));
      if (user === undefined) throw new Error(`no user ${userName}`);
      return {
        kind: 'user',
        arn: userArn(ACCOUNT, user.path, user.userName),
        accountId: ACCOUNT.id,
        accessKeyId: 'AKIATESTTESTTESTTEST',
        userId: user.userId,
        userName: user.userName,
      };
    },
    context,
    call(action, input, caller = root) {
      return store.transaction(async (tx) => {
        const ctx = context(tx, caller);
        await authorizeAction(action, input, ctx);
        return action.run(input, ctx);
      });
    },
    run(action, input, caller = root) {
      return store.transaction((tx) => action.run(input, context(tx, caller)));
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** For assert.rejects: matches a WardenError by code and exact message. */
export const wardenError = (code: string, message: string | RegExp) => ({
  name: 'WardenError',
  code,
  message,
});

/** `const withHarness = harnessWith(openSqliteStore)`; then `test('...', () => withHarness(async (h) => ...))`. */
export const harnessWith =
  (openStore: OpenStore) =>
  async (fn: (h: Harness) => Promise<void>): Promise<void> => {
    const h = await openHarness(openStore);
    try {
      await fn(h);
    } finally {
      await h.close();
    }
  };

export const tags = (...pairs: [string, string][]): { Key: string; Value: string }[] =>
  pairs.map(([Key, Value]) => ({ Key, Value }));
