import { WardenError } from '../core/index.ts';
import type { Tag } from '../store/port.ts';

/**
 * Tag rules for users (and later roles), whose keys AWS compares case-insensitively while keeping
 * the case given. Patterns and lengths are checked by the protocol layer against the model.
 */

export const TAGS_PER_RESOURCE = 50;

export interface WireTag {
  readonly Key: string;
  readonly Value: string;
}

const fold = (key: string): string => key.toLowerCase();

/** Checks one request's tags: no reserved `aws:` keys, no key twice (ignoring case). */
export function checkRequestTags(tags: readonly WireTag[]): Tag[] {
  const seen = new Set<string>();
  for (const { Key } of tags) {
    if (fold(Key).startsWith('aws:')) {
      throw new WardenError('InvalidInput', `User-defined tag keys can't start with "aws:": ${Key}`);
    }
    if (seen.has(fold(Key))) {
      throw new WardenError(
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    }
    seen.add(fold(Key));
  }
  return tags.map(({ Key, Value }) => ({ key: Key, value: Value }));
}

/** Adds or overwrites tags (a new key replaces an old one that differs only in case), enforcing the quota. */
export function mergeTags(current: readonly Tag[], added: readonly Tag[], kind: 'User' | 'Role'): Tag[] {
  const replaced = new Set(added.map((t) => fold(t.key)));
  const merged = [...current.filter((t) => !replaced.has(fold(t.key))), ...added];
  if (merged.length > TAGS_PER_RESOURCE) {
    throw new WardenError('LimitExceeded', `Cannot exceed quota for TagsPer${kind}: ${TAGS_PER_RESOURCE}`);
  }
  return merged;
}

/** Removes the named keys (ignoring case); keys that are not there are ignored, as AWS does. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys.map(fold));
  return current.filter((t) => !removed.has(fold(t.key)));
}

export const toWireTags = (tags: readonly Tag[]): WireTag[] =>
  tags.map((t) => ({ Key: t.key, Value: t.value }));
