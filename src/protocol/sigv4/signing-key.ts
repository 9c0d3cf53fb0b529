/** kSigning = HMAC chain over date, region, service, `aws4_request` (spec §8.2 step 6). */
import { createHmac } from 'node:crypto';

const hmac = (key: string | Uint8Array, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

export function signatureHex(signingKey: Uint8Array, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/**
 * A small bounded cache of derived keys: a key is valid for a whole day per (secret, region,
 * service), so a busy client re-derives nothing. Oldest entries go first when full.
 */
export class SigningKeyCache {
  private readonly keys = new Map<string, Buffer>();
  constructor(private readonly capacity = 256) {}

  get(secret: string, date: string, region: string, service: string): Buffer {
    const id = `${date}\n${region}\n${service}\n${secret}`;
    const hit = this.keys.get(id);
    if (hit !== undefined) return hit;
    const key = deriveSigningKey(secret, date, region, service);
    if (this.keys.size >= this.capacity) {
      const oldest = this.keys.keys().next();
      if (oldest.done !== true) this.keys.delete(oldest.value);
    }
    this.keys.set(id, key);
    return key;
  }
}
