/**
 * `BinaryEquals`: the policy value is base64; it matches a request value (also carried as base64)
 * with the same bytes, so different paddings or line breaks of one byte string compare equal.
 */
import { defineOperator, SLOT } from './operator.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded bytes as a binary string, or `undefined` when the text is not base64. */
export function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  try {
    return atob(compact);
  } catch {
    return undefined;
  }
}

export const binaryEquals = defineOperator<string, string>({
  name: 'BinaryEquals',
  variables: false,
  slot: SLOT.binary,
  preparePolicy: decodeBase64,
  prepareRequest: decodeBase64,
  test: (policy, request) => policy === request,
});
