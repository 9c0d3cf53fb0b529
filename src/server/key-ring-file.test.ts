import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { keyIdOf } from '../iam/key-ring.ts';
import { fileKeySource, keyFilePath, loadKeySource, readKeyRing, writeKeyRing } from './key-ring-file.ts';

describe('the master key ring file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-ring-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('generated once with mode 0600, one base64 key (the format Warden always wrote)', () => {
    const source = fileKeySource(dir);
    const path = keyFilePath(dir);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 1);
    assert.equal(fileKeySource(dir).keys()[0]!.id, source.keys()[0]!.id, 'reused on the next start');
  });

  test('a replaced file is re-read on refresh; keys from the environment win and never change', () => {
    const source = fileKeySource(dir);
    const before = source.keys()[0]!;
    assert.equal(source.refresh(), false);
    const fresh = randomBytes(32);
    writeKeyRing(keyFilePath(dir), [fresh, before.key]);
    assert.equal(statSync(keyFilePath(dir)).mode & 0o777, 0o600);
    assert.equal(source.refresh(), true);
    assert.deepEqual(
      source.keys().map((k) => k.id),
      [keyIdOf(fresh), before.id],
    );
    const env = randomBytes(32);
    const configured = loadKeySource(dir, env, [fresh]);
    assert.deepEqual(
      configured.keys().map((k) => k.id),
      [keyIdOf(env), keyIdOf(fresh)],
    );
    assert.equal(configured.refresh(), false);
  });

  test('a file that does not hold 32-byte keys is refused', () => {
    const bad = mkdtempSync(join(tmpdir(), 'warden-ring-bad-'));
    try {
      writeFileSync(keyFilePath(bad), 'c2hvcnQ=\n');
      assert.throws(() => readKeyRing(keyFilePath(bad)), /32-byte/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
