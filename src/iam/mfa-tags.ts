import { WardenError } from '../core/index.ts';
import type { Tag } from '../store/port.ts';
import { TAGS_PER_RESOURCE } from './tags.ts';

/** MFA device tag keys are case-sensitive (like managed policies'). */
export function mergeMfaTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const replaced = new Set(added.map((t) => t.key));
  const merged = [...current.filter((t) => !replaced.has(t.key)), ...added];
  if (merged.length > TAGS_PER_RESOURCE) {
    throw new WardenError('LimitExceeded', `Cannot exceed quota for TagsPerMFADevice: ${TAGS_PER_RESOURCE}`);
  }
  return merged;
}
