/**
 * IAM's model pattern for policy documents: TAB, LF, CR and U+0020-U+00FF only. AWS rejects other
 * characters before reading the JSON (a ValidationError, not MalformedPolicyDocument).
 */
import type { Diagnostic } from './types.ts';
import { positionAt } from './json-reader.ts';

/** Index of the first character outside the allowed set, or -1. */
export function firstDisallowedCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) return i;
  }
  return -1;
}

export const CHARSET_MESSAGE =
  "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: " +
  'Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';

/** One diagnostic at the first disallowed character, or none. */
export function checkCharacters(text: string): Diagnostic[] {
  const index = firstDisallowedCharacter(text);
  if (index < 0) return [];
  const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return [
    {
      code: 'invalid-character',
      severity: 'error',
      message: CHARSET_MESSAGE,
      detail: `character U+${code} is not allowed in a policy`,
      pointer: '',
      position: positionAt(text, index),
    },
  ];
}
