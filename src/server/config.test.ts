import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from './config.ts';

test('defaults: 127.0.0.1:8642, ./warden-data, no test hooks', () => {
  const config = resolveConfig({}, {});
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 8642);
  assert.equal(config.dataDir, './warden-data');
  assert.equal(config.testHooks, false);
  assert.equal(config.masterKey, undefined);
});

test('flags override the environment', () => {
  const env = { WARDEN_HOST: '0.0.0.0', WARDEN_PORT: '9000', WARDEN_DATA_DIR: '/env' };
  const config = resolveConfig(env, { host: '::1', port: '9001', dataDir: '/flag' });
  assert.deepEqual([config.host, config.port, config.dataDir], ['::1', 9001, '/flag']);
  assert.deepEqual((({ host, port, dataDir }) => [host, port, dataDir])(resolveConfig(env, {})), [
    '0.0.0.0',
    9000,
    '/env',
  ]);
});

test('invalid settings are refused with a message naming them', () => {
  const cases: [Record<string, string>, { port?: string }, RegExp][] = [
    [{ WARDEN_PORT: 'eighty' }, {}, /invalid port/],
    [{}, { port: '70000' }, /invalid port/],
    [{ WARDEN_ACCOUNT_ID: '1234' }, {}, /12 digits/],
    [{ WARDEN_MASTER_KEY: Buffer.alloc(16).toString('base64') }, {}, /32 bytes/],
    [{ WARDEN_ROOT_ACCESS_KEY_ID: 'test' }, {}, /both/],
    [{ WARDEN_ROOT_ACCESS_KEY_ID: 'ab', WARDEN_ROOT_SECRET_ACCESS_KEY: 'x' }, {}, /3 to 128/],
  ];
  for (const [env, flags, message] of cases) assert.throws(() => resolveConfig(env, flags), message);
});

test('root keys, master key, account id and test hooks come from the environment; empty means unset', () => {
  const key = Buffer.alloc(32, 7);
  const config = resolveConfig(
    {
      WARDEN_MASTER_KEY: key.toString('base64'),
      WARDEN_ACCOUNT_ID: '000000000000',
      WARDEN_ROOT_ACCESS_KEY_ID: 'test',
      WARDEN_ROOT_SECRET_ACCESS_KEY: 'test',
      WARDEN_TEST_HOOKS: '1',
      WARDEN_HOST: '',
    },
    {},
  );
  assert.deepEqual(Buffer.from(config.masterKey ?? []), key);
  assert.equal(config.accountId, '000000000000');
  assert.equal(config.rootAccessKeyId, 'test');
  assert.equal(config.testHooks, true);
  assert.equal(config.host, '127.0.0.1');
});
