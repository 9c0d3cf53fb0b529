import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { resetRootPassword } from '../../cli/admin.ts';
import { createRingSecretBox, keyIdOf, sealedKeyId } from '../../iam/key-ring.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { SealedSecretRef, Store } from '../../store/port.ts';
import { fileKeySource, keyFilePath, readKeyRing } from '../key-ring-file.ts';
import { rotateMasterKey } from '../master-key-rotation.ts';
import { startConsoleWarden, type ConsoleWarden } from './test-kit.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'warden.mjs');

/**
 * The server in this process commits its last transaction one event-loop turn after answering;
 * a second connection's synchronous busy wait would block that turn, so let it pass first (the
 * real CLI runs in its own process and simply waits).
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function allSealed(store: Store): Promise<SealedSecretRef[]> {
  const out: SealedSecretRef[] = [];
  for (;;) {
    const last = out[out.length - 1];
    const page = await store.transaction((tx) => tx.sealedSecrets.page(last, 100));
    if (page.length === 0) return out;
    out.push(...page);
  }
}

describe('admin commands: root reset-password, master-key rotate', () => {
  let w: ConsoleWarden;
  let rootPassword: string | undefined;
  const secrets: string[] = [];
  const keys: { accessKeyId: string; secretAccessKey: string }[] = [];
  before(async () => {
    w = await startConsoleWarden({ WARDEN_SIGNIN_THROTTLE: 'off' });
    const root = w.browser();
    await root.signInRoot();
    for (let i = 0; i < 5; i++) {
      await root.call('CreateUser', { UserName: `u${i}` });
      const key = (await root.call('CreateAccessKey', { UserName: `u${i}` })).AccessKey as {
        AccessKeyId: string;
        SecretAccessKey: string;
      };
      secrets.push(key.SecretAccessKey);
      keys.push({ accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    }
    const device = (await root.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'spare' }))
      .VirtualMFADevice as { Base32StringSeed: string };
    secrets.push(Buffer.from(device.Base32StringSeed, 'base64').toString('utf8'));
    await settle();
  });
  after(() => w.stop());

  test('root reset-password prints a new password that signs in; old sessions end', async () => {
    const old = w.browser();
    assert.equal((await old.signInRoot()).status, 200);
    const lines: string[] = [];
    await settle();
    const code = await resetRootPassword(['--data-dir', w.dataDir], {
      log: (l) => lines.push(l),
      error: (l) => lines.push(l),
    });
    assert.equal(code, 0, lines.join('\n'));
    const password = /password: (\S+)/.exec(lines.join('\n'))?.[1];
    assert.ok(password !== undefined);
    rootPassword = password;
    assert.equal((await old.get('whoami')).status, 401, 'the root was signed out everywhere');
    assert.equal((await w.browser().signInRoot()).status, 401, 'the old password no longer works');
    assert.equal((await w.browser().signInRoot(password)).status, 200);
    assert.equal(
      await resetRootPassword(['--data-dir', join(w.dataDir, 'nope')], { log: () => {}, error: () => {} }),
      1,
    );
  });

  test('rotation interrupted halfway, the server still reads everything, resumed to the end', async () => {
    const path = keyFilePath(w.dataDir);
    const [original] = readKeyRing(path);
    await settle();
    const store = await openSqliteStore({ path: join(w.dataDir, 'warden.db'), groupCommit: false });
    try {
      await assert.rejects(
        rotateMasterKey({ dataDir: w.dataDir, store, settleMs: 10, stopAfter: 3 }),
        /interrupted/,
      );
      const ring = readKeyRing(path);
      assert.equal(ring.length, 2, 'new key first, the old one kept');
      assert.equal(ring[1]!.id, original!.id);
      const mixed = (await allSealed(store)).map((r) => sealedKeyId(r.sealed) ?? 'v1');
      assert.equal(mixed.filter((id) => id === ring[0]!.id).length, 3);

      // The running server reads old and new values alike and seals new ones under the new key.
      const root = w.browser();
      const signedIn = await root.signInRoot(rootPassword);
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body) + w.logs.join('\n'));
      const made = (await root.call('CreateAccessKey', { UserName: 'u4' })).AccessKey as {
        SecretAccessKey: string;
      };
      secrets.push(made.SecretAccessKey);
      const sealedNow = (await allSealed(store)).map((r) => sealedKeyId(r.sealed));
      assert.equal(
        sealedNow.filter((id) => id === ring[0]!.id).length,
        4,
        'the server sealed under the new key',
      );

      await settle();
      const report = await rotateMasterKey({ dataDir: w.dataDir, store, settleMs: 10 });
      assert.equal(report.resumed, true);
      assert.equal(report.droppedKeys, 1);
      const final = readKeyRing(path);
      assert.deepEqual(
        final.map((k) => k.id),
        [ring[0]!.id],
      );
      assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 1);
      const box = createRingSecretBox(fileKeySource(w.dataDir));
      const opened = (await allSealed(store)).map((r) => {
        assert.equal(sealedKeyId(r.sealed), keyIdOf(final[0]!.key));
        return box.open(r.sealed);
      });
      for (const secret of secrets) assert.ok(opened.includes(secret), 'every secret opens');
      assert.equal(opened.length, 8, 'the root key, 6 user keys, the MFA seed');
    } finally {
      await store.close();
    }
  });

  test('the real command (warden master-key rotate) while the server runs: SigV4 keeps working', async () => {
    const child = spawn(process.execPath, [BIN, 'master-key', 'rotate', '--data-dir', w.dataDir], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, output);
    assert.match(output, /Rotating to master key [0-9a-f]{16}/);
    assert.match(output, /Re-sealed 8 secrets in \d+ passes; 1 old key\(s\) removed/);
    w.clock.set(new Date()); // the SDK signs with the real time
    const sts = new STSClient({
      endpoint: w.server.url,
      region: 'us-east-1',
      credentials: keys[2]!,
      maxAttempts: 1,
    });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, 'arn:aws:iam::123456789012:user/u2');
  });
});
