import { resolveSignInSettings, type SignInSettings } from '../iam/sign-in/settings.ts';

/** Everything the server needs to start; built by the CLI from flags and the environment. */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** 32 bytes; when absent a key file is generated in the data dir (mode 0600). */
  readonly masterKey?: Uint8Array;
  /** Keys being rotated away (WARDEN_MASTER_KEY_PREVIOUS, comma-separated base64): they still open. */
  readonly previousMasterKeys?: readonly Uint8Array[];
  /** 12 digits; when absent one is generated at first start and kept. */
  readonly accountId?: string;
  /** Fixed root credentials (test suites use short ids such as `test`). */
  readonly rootAccessKeyId?: string;
  readonly rootSecretAccessKey?: string;
  /** Enables POST /moto-api/reset. Never on by default. */
  readonly testHooks: boolean;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Console sign-in: session lifetimes and the brute-force throttle (WARDEN_CONSOLE_*, WARDEN_SIGNIN_*). */
  readonly signIn?: SignInSettings;
  /** The root's console email and password, used at first start (WARDEN_ROOT_EMAIL, WARDEN_ROOT_PASSWORD). */
  readonly rootEmail?: string;
  readonly rootPassword?: string;
  /** Console cookies are Secure even over HTTP: TLS ends at a proxy (WARDEN_CONSOLE_SECURE_COOKIES=1). */
  readonly secureCookies?: boolean;
  /** Where workloads' IMDS listeners listen (WARDEN_IMDS_HOST, default 127.0.0.1). */
  readonly imdsHost?: string;
  /** The event log: on unless WARDEN_EVENTS=off; events kept WARDEN_EVENTS_RETENTION_DAYS (default 90). */
  readonly events?: EventSettings;
  /** Access advisor records: on unless WARDEN_ACCESS_TRACKING=off (credentials' last use is always kept). */
  readonly accessTracking?: boolean;
}

export interface EventSettings {
  readonly enabled: boolean;
  readonly retentionDays: number;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8642,
  dataDir: './warden-data',
  maxBodyBytes: 1024 * 1024,
} as const;

/** Reads the WARDEN_* environment, then applies command-line overrides. Throws on invalid values. */
export function resolveConfig(
  environment: Record<string, string | undefined>,
  flags: { host?: string; port?: string; dataDir?: string },
): ServerConfig {
  // An empty variable counts as unset, as shells and container runtimes often leave them.
  const env = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const port = Number(flags.port ?? env.WARDEN_PORT ?? DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid port: ${flags.port ?? env.WARDEN_PORT}`);
  const accountId = env.WARDEN_ACCOUNT_ID;
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    throw new Error('WARDEN_ACCOUNT_ID must be 12 digits');
  }
  const rootAccessKeyId = env.WARDEN_ROOT_ACCESS_KEY_ID;
  const rootSecretAccessKey = env.WARDEN_ROOT_SECRET_ACCESS_KEY;
  if ((rootAccessKeyId === undefined) !== (rootSecretAccessKey === undefined)) {
    throw new Error('set both WARDEN_ROOT_ACCESS_KEY_ID and WARDEN_ROOT_SECRET_ACCESS_KEY, or neither');
  }
  if (rootAccessKeyId !== undefined && !/^[\x21-\x7e]{3,128}$/.test(rootAccessKeyId)) {
    throw new Error('WARDEN_ROOT_ACCESS_KEY_ID must be 3 to 128 printable characters');
  }
  return {
    host: flags.host ?? env.WARDEN_HOST ?? DEFAULTS.host,
    port,
    dataDir: flags.dataDir ?? env.WARDEN_DATA_DIR ?? DEFAULTS.dataDir,
    ...(env.WARDEN_MASTER_KEY !== undefined && { masterKey: decodeMasterKey(env.WARDEN_MASTER_KEY) }),
    ...(env.WARDEN_MASTER_KEY_PREVIOUS !== undefined && {
      previousMasterKeys: env.WARDEN_MASTER_KEY_PREVIOUS.split(',').map((k) => decodeMasterKey(k.trim())),
    }),
    ...(accountId !== undefined && { accountId }),
    ...(rootAccessKeyId !== undefined && { rootAccessKeyId }),
    ...(rootSecretAccessKey !== undefined && { rootSecretAccessKey }),
    testHooks: env.WARDEN_TEST_HOOKS === '1',
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    signIn: resolveSignInSettings(env),
    ...(env.WARDEN_ROOT_EMAIL !== undefined && { rootEmail: env.WARDEN_ROOT_EMAIL }),
    ...(env.WARDEN_ROOT_PASSWORD !== undefined && { rootPassword: env.WARDEN_ROOT_PASSWORD }),
    secureCookies: env.WARDEN_CONSOLE_SECURE_COOKIES === '1',
    ...(env.WARDEN_IMDS_HOST !== undefined && { imdsHost: env.WARDEN_IMDS_HOST }),
    events: eventSettings(env),
    ...(env.WARDEN_ACCESS_TRACKING === 'off' && { accessTracking: false }),
  };
}

function eventSettings(env: Record<string, string | undefined>): EventSettings {
  const switchText = (env.WARDEN_EVENTS ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(switchText)) {
    throw new Error('WARDEN_EVENTS must be on or off');
  }
  const retentionDays = Number(env.WARDEN_EVENTS_RETENTION_DAYS ?? 90);
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    throw new Error('WARDEN_EVENTS_RETENTION_DAYS must be a positive number of days');
  }
  return { enabled: ['on', '1', 'true'].includes(switchText), retentionDays };
}

function decodeMasterKey(text: string): Uint8Array {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('WARDEN_MASTER_KEY must be base64 of exactly 32 bytes');
  return key;
}
