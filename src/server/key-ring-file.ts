import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { masterKey, staticKeys, type KeySource, type MasterKey } from '../iam/key-ring.ts';

/**
 * The master key ring at rest: `DATA_DIR/master.key`, mode 0600, one base64 key per line, the
 * current key first and keys still being rotated away after it. A file of one line is the format
 * Warden always wrote, so existing data directories need nothing. Keys configured in the
 * environment (WARDEN_MASTER_KEY, WARDEN_MASTER_KEY_PREVIOUS) take precedence and never change
 * while running.
 */

export const KEY_FILE = 'master.key';

export const keyFilePath = (dataDir: string): string => join(dataDir, KEY_FILE);

export function readKeyRing(path: string): MasterKey[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new Error(`${path} holds no key`);
  return lines.map((line) => {
    const key = Buffer.from(line, 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold base64 32-byte keys`);
    return masterKey(key);
  });
}

/** Replaces the ring atomically (write a 0600 file beside it, then rename over it). */
export function writeKeyRing(path: string, keys: readonly Uint8Array[]): void {
  const temporary = `${path}.new`;
  const text = keys.map((k) => Buffer.from(k).toString('base64')).join('\n') + '\n';
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** The ring file, created with one fresh key if absent; re-read when the file is replaced. */
export function fileKeySource(dataDir: string): KeySource {
  const path = keyFilePath(dataDir);
  if (!existsSync(path)) {
    writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  const stamp = () => {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  };
  let seen = stamp();
  let ring = readKeyRing(path);
  return {
    keys: () => ring,
    refresh() {
      const now = stamp();
      if (now === seen) return false;
      ring = readKeyRing(path);
      seen = now;
      return true;
    },
  };
}

/** The server's key source: the environment's keys if configured, else the ring file. */
export function loadKeySource(
  dataDir: string,
  configured: Uint8Array | undefined,
  previous: readonly Uint8Array[] = [],
): KeySource {
  return configured === undefined ? fileKeySource(dataDir) : staticKeys([configured, ...previous]);
}
