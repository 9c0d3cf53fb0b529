import { randomBytes } from 'node:crypto';
import { createRingSecretBox, sealedKeyId, staticKeys, type KeySource } from '../iam/key-ring.ts';
import type { SealedSecretRef, Store } from '../store/port.ts';
import { fileKeySource, keyFilePath, readKeyRing, writeKeyRing } from './key-ring-file.ts';

/**
 * `warden master-key rotate`: every sealed secret (access keys, MFA seeds, STS sessions' secrets)
 * re-sealed under a new master key while the server keeps running.
 *
 * 1. The key file becomes `[new, old...]` (atomic rename). A running server re-reads it on its
 *    next seal, and on opening a value under a key id it does not know: readers never stop.
 * 2. Each value not under the new key is opened and re-sealed in its own transaction, replaced
 *    only if unchanged since read (a concurrent write wins and is picked up by the next pass).
 * 3. After a pause, passes repeat until one finds nothing left under an old key (a server that
 *    sealed under the old key just before it saw the new file is caught here).
 * 4. The key file becomes `[new]`: the old key is gone.
 * Interrupted anywhere, nothing is lost: every value stays openable by the ring in the file, and
 * running the command again resumes (a ring of several keys means "finish, do not start anew").
 *
 * With keys from the environment (WARDEN_MASTER_KEY and WARDEN_MASTER_KEY_PREVIOUS) the command
 * writes no file: it re-seals everything under WARDEN_MASTER_KEY, after which the operator drops
 * WARDEN_MASTER_KEY_PREVIOUS.
 */

export interface RotationOptions {
  readonly dataDir: string;
  readonly store: Store;
  /** The other accounts' stores (accounts/<ID>.db): their secrets are under the same master key. */
  readonly otherStores?: readonly Store[];
  readonly masterKey?: Uint8Array | undefined;
  readonly previousMasterKeys?: readonly Uint8Array[] | undefined;
  /** Pause before each verification pass (a concurrent seal under the old key lands first). */
  readonly settleMs?: number;
  readonly print?: (line: string) => void;
  /** Tests: throw after re-sealing this many values (an interruption). */
  readonly stopAfter?: number;
}

export interface RotationReport {
  readonly keyId: string;
  readonly resumed: boolean;
  readonly resealed: number;
  readonly passes: number;
  readonly droppedKeys: number;
}

const PAGE = 200;
const MAX_PASSES = 10;

export async function rotateMasterKey(options: RotationOptions): Promise<RotationReport> {
  const print = options.print ?? (() => undefined);
  const fromEnv = options.masterKey !== undefined;
  const path = keyFilePath(options.dataDir);
  let resumed = false;
  let source: KeySource;
  if (fromEnv) {
    source = staticKeys([options.masterKey, ...(options.previousMasterKeys ?? [])]);
  } else {
    const ring = readKeyRing(path);
    resumed = ring.length > 1;
    if (!resumed) writeKeyRing(path, [randomBytes(32), ...ring.map((k) => k.key)]);
    source = fileKeySource(options.dataDir);
  }
  const box = createRingSecretBox(source);
  const keyId = box.currentKeyId();
  print(`${resumed ? 'Resuming the rotation' : 'Rotating'} to master key ${keyId}`);

  let resealed = 0;
  let passes = 0;
  for (;;) {
    passes++;
    let count = 0;
    for (const store of [options.store, ...(options.otherStores ?? [])])
      count += await resealPass(store, box, keyId, options.stopAfter, resealed + count);
    resealed += count;
    if (count === 0 && passes > 1) break;
    if (passes >= MAX_PASSES)
      throw new Error('secrets keep appearing under an old key: run the command again');
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 2000));
  }
  let droppedKeys = 0;
  if (!fromEnv) {
    const ring = readKeyRing(path);
    droppedKeys = ring.length - 1;
    writeKeyRing(path, [ring[0]!.key]);
  }
  print(`Re-sealed ${resealed} secrets in ${passes} passes; ${droppedKeys} old key(s) removed.`);
  return { keyId, resumed, resealed, passes, droppedKeys };
}

async function resealPass(
  store: Store,
  box: ReturnType<typeof createRingSecretBox>,
  keyId: string,
  stopAfter: number | undefined,
  before: number,
): Promise<number> {
  let count = 0;
  let after: SealedSecretRef | undefined;
  for (;;) {
    const cursor = after;
    const page = await store.transaction((tx) => tx.sealedSecrets.page(cursor, PAGE));
    if (page.length === 0) return count;
    for (const ref of page) {
      if (sealedKeyId(ref.sealed) === keyId) continue;
      if (stopAfter !== undefined && before + count >= stopAfter)
        throw new Error('rotation interrupted (test)');
      const sealed = box.seal(box.open(ref.sealed));
      if (await store.transaction((tx) => tx.sealedSecrets.replace(ref, sealed))) count++;
    }
    after = page[page.length - 1];
  }
}
