import { WardenError } from '../core/index.ts';
import type { Tag } from '../store/port.ts';
import { TAGS_PER_RESOURCE, type WireTag } from './tags.ts';

/**
 * Tag rules for managed policies, whose keys IAM compares with their case (unlike users' and
 * roles'). Patterns and lengths are checked by the protocol layer against the model.
 */

export function checkPolicyTags(tags: readonly WireTag[]): Tag[] {
  const seen = new Set<string>();
  for (const { Key } of tags) {
    if (Key.toLowerCase().startsWith('aws:')) {
      throw new WardenError('InvalidInput', `User-defined tag keys can't start with "aws:": ${Key}`);
    }
    if (seen.has(Key)) throw new WardenError('InvalidInput', 'Duplicate tag keys found.');
    seen.add(Key);
  }
  return tags.map(({ Key, Value }) => ({ key: Key, value: Value }));
}

export function mergePolicyTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const replaced = new Set(added.map((t) => t.key));
  const merged = [...current.filter((t) => !replaced.has(t.key)), ...added];
  if (merged.length > TAGS_PER_RESOURCE) {
    throw new WardenError('LimitExceeded', `Cannot exceed quota for TagsPerPolicy: ${TAGS_PER_RESOURCE}`);
  }
  return merged;
}

/** Keys that are not there are ignored. */
export function removePolicyTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys);
  return current.filter((t) => !removed.has(t.key));
}
