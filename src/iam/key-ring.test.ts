import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createRingSecretBox, keyIdOf, sealedKeyId, staticKeys, type KeySource } from './key-ring.ts';
import { createSecretBox } from './secrets.ts';

describe('master key ring', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  test('seals under the current key with its id; any key of the ring opens what it sealed', () => {
    const old = createRingSecretBox(staticKeys([a]));
    const sealedA = old.seal('secret-1');
    assert.match(sealedA, new RegExp(`^v2\\.${keyIdOf(a)}\\.[\\w-]+$`));
    assert.equal(sealedKeyId(sealedA), keyIdOf(a));
    const both = createRingSecretBox(staticKeys([b, a]));
    assert.equal(both.open(sealedA), 'secret-1');
    assert.equal(sealedKeyId(both.seal('x')), keyIdOf(b));
    assert.throws(() => createRingSecretBox(staticKeys([b])).open(sealedA), /no key of the master key ring/);
  });

  test('v1 values (no key id) open under whichever key of the ring authenticates them', () => {
    const v1 = createSecretBox(a).seal('legacy');
    assert.equal(sealedKeyId(v1), undefined);
    assert.equal(createRingSecretBox(staticKeys([b, a])).open(v1), 'legacy');
    assert.throws(() => createRingSecretBox(staticKeys([b])).open(v1), /failed authentication/);
  });

  test('an unknown key id refreshes the source once (a rotation started while running)', () => {
    let ring = [a];
    let refreshes = 0;
    const source: KeySource = {
      keys: () => ring.map((k) => ({ id: keyIdOf(k), key: k })),
      refresh: () => {
        refreshes++;
        return false;
      },
    };
    const box = createRingSecretBox(source);
    const sealedByNew = createRingSecretBox(staticKeys([b, a])).seal('new');
    const before = refreshes;
    assert.throws(() => box.open(sealedByNew));
    assert.equal(refreshes, before + 1);
    ring = [b, a];
    assert.equal(box.open(sealedByNew), 'new');
    assert.equal(sealedKeyId(box.seal('y')), keyIdOf(b), 'seal uses the refreshed current key');
  });

  test('tampering fails loudly and echoes nothing', () => {
    const box = createRingSecretBox(staticKeys([a]));
    const sealed = box.seal('secret');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    assert.throws(
      () => box.open(flipped),
      (e: Error) => !e.message.includes(sealed) && /failed/.test(e.message),
    );
    assert.throws(() => box.open('v9.x'), /known version/);
  });
});
