import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher, SecretBox } from '../action.ts';

/**
 * Small real implementations of the two crypto ports for tests (the server has its own): AES-256-GCM
 * under a random key, and scrypt with a cost low enough for a test suite.
 */

export function testSecretBox(): SecretBox {
  const key = randomBytes(32);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
    },
    open(sealed) {
      const [iv = '', tag = '', body = ''] = sealed.split('.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

const derive = (password: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N: 1024, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

export function testPasswordHasher(): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      return `scrypt$1024$8$1$${salt.toString('base64')}$${(await derive(password, salt)).toString('base64')}`;
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      const expected = Buffer.from(parts[5] ?? '', 'base64');
      const actual = await derive(password, Buffer.from(parts[4] ?? '', 'base64'));
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
