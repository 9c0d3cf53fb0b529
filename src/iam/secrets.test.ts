import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createPasswordHasher, createSecretBox, DEFAULT_SCRYPT, needsRehash } from './secrets.ts';

const key = randomBytes(32);
// Cheap parameters keep the suite fast; the format and logic are the same at any cost.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('SecretBox (AES-256-GCM)', () => {
  const box = createSecretBox(key);

  test('seal then open returns the plaintext, for several kinds of secret', () => {
    for (const secret of ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '', 'ünïcødé ✓', 'x'.repeat(10_000)]) {
      assert.equal(box.open(box.seal(secret)), secret);
    }
  });

  test('the sealed form is compact, versioned ASCII and never contains the plaintext', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const sealed = box.seal(secret);
    assert.match(sealed, /^v1\.[A-Za-z0-9_-]+$/);
    assert.ok(!sealed.includes(secret));
    assert.equal(Buffer.from(sealed.slice(3), 'base64url').length, 12 + 16 + secret.length);
  });

  test('a fresh IV every time: sealing twice gives different strings', () => {
    assert.notEqual(box.seal('same'), box.seal('same'));
  });

  test('a wrong master key, tampering, truncation or garbage is refused', () => {
    const sealed = box.seal('secret');
    assert.throws(() => createSecretBox(randomBytes(32)).open(sealed), /failed authentication/);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    assert.throws(() => box.open(`v1.${bytes.toString('base64url')}`), /failed authentication/);
    assert.throws(() => box.open(sealed.slice(0, 20)), /truncated/);
    for (const bad of ['', 'v2.AAAA', 'v1', 'v1.a.b', 'v1.!!!!', 'secret']) {
      assert.throws(() => box.open(bad), Error, bad);
    }
  });

  test('the error never echoes the secret or the sealed value', () => {
    const sealed = box.seal('top-secret-value');
    try {
      createSecretBox(randomBytes(32)).open(sealed);
      assert.fail('should throw');
    } catch (error) {
      const message = (error as Error).message;
      assert.ok(!message.includes(sealed) && !message.includes('top-secret-value'));
    }
  });

  test('the master key must be 32 bytes', () => {
    assert.throws(() => createSecretBox(randomBytes(16)), /32 bytes/);
  });
});

describe('PasswordHasher (scrypt)', () => {
  const hasher = createPasswordHasher(FAST);

  test('stored format is scrypt$N$r$p$salt$hash and verify accepts only the password', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    assert.match(stored, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    assert.equal(await hasher.verify('correct horse battery staple', stored), true);
    assert.equal(await hasher.verify('correct horse battery stapl', stored), false);
    assert.equal(await hasher.verify('', stored), false);
  });

  test('random salt: the same password hashes differently', async () => {
    assert.notEqual(await hasher.hash('pw'), await hasher.hash('pw'));
  });

  test('verify follows the parameters stored in the hash, not the current ones', async () => {
    const old = await createPasswordHasher({ N: 2 ** 11, r: 4, p: 1 }).hash('pw');
    assert.equal(await hasher.verify('pw', old), true);
    assert.equal(needsRehash(old, FAST), true);
    assert.equal(needsRehash(await hasher.hash('pw'), FAST), false);
  });

  test('malformed or out-of-bounds stored values verify as false, never throw', async () => {
    const good = await hasher.hash('pw');
    const [, , , , salt, hash] = good.split('$');
    const bad = [
      '',
      'plain',
      'bcrypt$10$x$y$z$w',
      `scrypt$1000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$8$1$${salt}$${hash}`, // would need gigabytes
      `scrypt$1024$0$1$${salt}$${hash}`,
      `scrypt$1024$8$1$$${hash}`,
      `scrypt$1024$8$1$${salt}$`,
      `scrypt$1024$8$1$${salt}$${hash}$extra`,
    ];
    for (const stored of bad) assert.equal(await hasher.verify('pw', stored), false, stored);
  });

  test('the default parameters are memory-hard (N=2^15, r=8: 32 MiB) and round-trip', async () => {
    assert.deepEqual(DEFAULT_SCRYPT, { N: 32768, r: 8, p: 1 });
    const real = createPasswordHasher();
    const stored = await real.hash('Password1!');
    assert.ok(stored.startsWith('scrypt$32768$8$1$'));
    assert.equal(await real.verify('Password1!', stored), true);
  });
});
