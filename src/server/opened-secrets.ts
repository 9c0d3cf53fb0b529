import type { SecretBox } from '../iam/action.ts';

/**
 * Remembers secrets already opened, by their sealed form, so that a busy access key is not
 * decrypted on every request. Revocation is unaffected: the key's record (status, owner, sealed
 * value) is still read from the store on every request; only the AES-GCM work is skipped. A
 * re-sealed secret (master-key rotation) has a new sealed form and is simply opened again.
 */
export function rememberOpened(box: SecretBox, max = 1024): (sealed: string) => string {
  const opened = new Map<string, string>();
  return (sealed) => {
    const known = opened.get(sealed);
    if (known !== undefined) return known;
    const secret = box.open(sealed);
    if (opened.size >= max) opened.delete(opened.keys().next().value as string);
    opened.set(sealed, secret);
    return secret;
  };
}
