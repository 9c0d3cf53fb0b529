/**
 * The context keys a set of policies refers to (GetContextKeysFor*Policy): the keys of every
 * Condition, and the keys named by policy variables (`${aws:username}`) in Resource, NotResource
 * and condition values, where variables are in force (Version 2012-10-17). Each key once (keys
 * compare case-insensitively), as first written, in order of appearance.
 */
import type { PolicyDocument } from '../../policy/index.ts';

const VARIABLE = /\$\{([^}]*)\}/g;
/** `${*}`, `${?}`, `${$}` are escapes for literal characters, not keys. */
const LITERALS = new Set(['*', '?', '$']);

function variablesIn(value: string): string[] {
  const keys: string[] = [];
  for (const match of value.matchAll(VARIABLE)) {
    // A default value follows the key after a comma: `${aws:PrincipalTag/team, 'none'}`.
    const key = (match[1] ?? '').split(',')[0]?.trim() ?? '';
    if (key !== '' && !LITERALS.has(key)) keys.push(key);
  }
  return keys;
}

export function contextKeysOf(documents: readonly PolicyDocument[]): string[] {
  const seen = new Map<string, string>();
  const add = (key: string): void => {
    if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  };
  for (const document of documents) {
    const variables = document.version === '2012-10-17';
    for (const statement of document.statements) {
      if (variables) {
        for (const value of [
          ...(statement.resource?.values ?? []),
          ...(statement.notResource?.values ?? []),
        ]) {
          variablesIn(value).forEach(add);
        }
      }
      for (const condition of statement.conditions) {
        add(condition.key);
        if (variables) condition.values.flatMap(variablesIn).forEach(add);
      }
    }
  }
  return [...seen.values()];
}
