import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_FILE = 'master.key';

/**
 * The key that seals secrets at rest. It never sits in the database: it comes from the
 * environment, or from a file beside the database that only the owner may read (0600).
 */
export function loadMasterKey(dataDir: string, configured: Uint8Array | undefined): Uint8Array {
  if (configured !== undefined) return configured;
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a base64 32-byte key`);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600); // the umask may have narrowed the mode further, never widened: make it exact
  return key;
}
